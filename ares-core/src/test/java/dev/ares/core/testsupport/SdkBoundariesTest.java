package dev.ares.core.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.ares.core.internal.ServerText;
import dev.ares.examples.violation.UsesAnInternal;
import org.junit.jupiter.api.Test;

/** The module boundaries hold for the core, and the check fails on a class that breaks one. */
class SdkBoundariesTest {

  @Test
  void theCoresBoundariesHold() {
    SdkBoundaries.check(SdkBoundaries.mainClasses());
  }

  @Test
  void aClassThatBreaksARuleFailsTheCheckByName() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                SdkBoundaries.check(
                    new ClassFileImporter().importClasses(UsesAnInternal.class, ServerText.class)));
    assertTrue(e.getMessage().contains(UsesAnInternal.class.getName()), e.getMessage());
  }
}
