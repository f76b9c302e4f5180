package dev.ares.micrometer;

import dev.ares.core.testsupport.SdkBoundaries;
import org.junit.jupiter.api.Test;

/**
 * The SDK's module boundaries ({@link SdkBoundaries}) on this module's main code and on the SDK
 * modules it depends on, so that a build of this module alone checks them.
 */
class ModuleBoundariesTest {

  @Test
  void theModuleBoundariesHold() {
    SdkBoundaries.check(SdkBoundaries.mainClasses());
  }
}
