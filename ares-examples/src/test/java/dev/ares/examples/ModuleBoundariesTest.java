package dev.ares.examples;

import dev.ares.core.testsupport.SdkBoundaries;
import org.junit.jupiter.api.Test;

/**
 * The SDK's module boundaries ({@link SdkBoundaries}, one definition every module runs) on every
 * module at once: the examples see them all, and must use public API only themselves.
 */
class ModuleBoundariesTest {

  @Test
  void theModuleBoundariesHoldAcrossEveryModule() {
    SdkBoundaries.check(SdkBoundaries.mainClasses());
  }
}
