package dev.ares.core.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The module boundaries of the SDK, one definition that every module's tests run on the main code
 * of that module and of the SDK modules it depends on (what its test class path holds), so a module
 * built alone is checked too: a module's {@code internal} packages are used only inside that
 * module, except {@code dev.ares.core.internal}, which the SDK's own modules share; the examples
 * (code users copy) use public API only; the core depends on no other SDK module; the Micrometer
 * binding uses public API only: the core's listener SPI and the matcher server's ({@code
 * dev.ares.matcher.server}, an optional dependency of ares-micrometer), no client, Commerce,
 * matching or onboarding code.
 *
 * <p>Why a test and not {@code module-info.java}: the fakes users test with are compiled with the
 * main code and tested with test-scope dependencies that are not named modules (ScribeJava's jar
 * among them). Each jar carries an {@code Automatic-Module-Name} instead.
 */
public final class SdkBoundaries {

  /** The root package of each module with an {@code internal} package of its own. */
  static final List<String> MODULES_WITH_INTERNALS =
      List.of(
          "dev.ares.client",
          "dev.ares.commerce.oauth",
          "dev.ares.matching",
          "dev.ares.matcher.server",
          "dev.ares.onboarding");

  private SdkBoundaries() {}

  /** The SDK's main classes on this test class path: test classes and test jars left out. */
  public static JavaClasses mainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("dev.ares");
  }

  /**
   * Checks every rule on {@code main}; an {@link AssertionError} names each class that breaks one.
   */
  public static void check(JavaClasses main) {
    for (String module : MODULES_WITH_INTERNALS) {
      noClasses()
          .that()
          .resideOutsideOfPackage(module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(module + ".internal..")
          .allowEmptyShould(true)
          .check(main);
    }
    noClasses()
        .that()
        .resideInAPackage("dev.ares.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .allowEmptyShould(true)
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("dev.ares.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ares.client..",
            "dev.ares.commerce..",
            "dev.ares.matching..",
            "dev.ares.matcher..",
            "dev.ares.micrometer..",
            "dev.ares.onboarding..",
            "dev.ares.examples..")
        .allowEmptyShould(true)
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("dev.ares.micrometer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..internal..",
            "..testing..",
            "dev.ares.client..",
            "dev.ares.commerce..",
            "dev.ares.matching..",
            "dev.ares.onboarding..")
        .allowEmptyShould(true)
        .check(main);
  }
}
