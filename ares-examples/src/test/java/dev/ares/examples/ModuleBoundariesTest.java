package dev.ares.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the main code of every SDK module and of the examples: a
 * module's {@code internal} packages are used only inside that module, except {@code
 * dev.ares.core.internal}, which the SDK's own modules share; the examples (code users copy) use
 * public API only; the core depends on no other SDK module.
 *
 * <p>Why a test and not {@code module-info.java}: the fakes users test with live in the main jars
 * beside the code they fake and are compiled and tested with the SDK's own test-scope dependencies
 * (MockWebServer, jqwik, graphql-java); running those tests on the module path would need every
 * test dependency to be a named module, and ScribeJava's jar is not. Each jar carries an {@code
 * Automatic-Module-Name} instead.
 */
class ModuleBoundariesTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ares");
  }

  @Test
  void theClientsInternalsStayInTheClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ares.client..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ares.client.internal..")
        .check(main);
  }

  @Test
  void theCommerceInternalsStayInTheCommerceModule() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ares.commerce.oauth..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ares.commerce.oauth.internal..")
        .check(main);
  }

  @Test
  void theMatchingInternalsStayInTheMatchingModule() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ares.matching..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ares.matching.internal..")
        .check(main);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ares.matcher.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ares.matcher.server.internal..")
        .check(main);
  }

  @Test
  void theExamplesUsePublicApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.ares.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(main);
  }

  @Test
  void theCoreDependsOnNoOtherSdkModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.ares.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ares.client..",
            "dev.ares.commerce..",
            "dev.ares.matching..",
            "dev.ares.micrometer..",
            "dev.ares.onboarding..",
            "dev.ares.examples..")
        .check(main);
  }

  @Test
  void theOnboardingInternalsStayInTheOnboardingModule() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ares.onboarding..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ares.onboarding.internal..")
        .check(main);
  }

  @Test
  void theMicrometerBindingUsesTheCoresPublicApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.ares.micrometer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..internal..", "dev.ares.client..", "dev.ares.commerce..", "dev.ares.matching..")
        .check(main);
  }
}
