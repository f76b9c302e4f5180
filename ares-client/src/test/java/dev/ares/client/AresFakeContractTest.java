package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.testing.AresFakeContract;
import dev.ares.client.testing.AresFakeContract.Subject;
import dev.ares.client.testing.FakeAnswer;
import dev.ares.core.HttpOptions;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Both fakes keep {@link AresFakeContract}, scenario for scenario; a fake that answers differently
 * is caught by it.
 */
class AresFakeContractTest {

  @TestFactory
  Stream<DynamicTest> theInMemoryClientKeepsTheContract() {
    return AresFakeContract.scenarios().stream()
        .map(s -> DynamicTest.dynamicTest(s.name(), () -> s.check(AresFakeContract::inMemory)));
  }

  @TestFactory
  Stream<DynamicTest> theLoopbackServerKeepsTheContract() {
    return AresFakeContract.scenarios().stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.name(), () -> s.check(AresFakeContract::overLoopbackHttp)));
  }

  @TestFactory
  Stream<DynamicTest> theInMemoryClientKeepsTheContractAsync() {
    return AresFakeContract.scenarios().stream()
        .map(
            s -> DynamicTest.dynamicTest(s.name(), () -> s.checkAsync(AresFakeContract::inMemory)));
  }

  @TestFactory
  Stream<DynamicTest> theLoopbackServerKeepsTheContractAsync() {
    return AresFakeContract.scenarios().stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.name(), () -> s.checkAsync(AresFakeContract::overLoopbackHttp)));
  }

  /** A fake that ignores the first scripted answer: a broken fake, as a regression would make. */
  private static Function<HttpOptions, Subject> dropsTheFirstScriptedAnswer() {
    return settings -> {
      Subject real = AresFakeContract.inMemory(settings);
      return new Subject() {
        @Override
        public AresClient client() {
          return real.client();
        }

        @Override
        public void enqueue(FakeAnswer... answers) {
          if (answers.length > 1) {
            real.enqueue(Arrays.copyOfRange(answers, 1, answers.length));
          }
        }

        @Override
        public int requestCount() {
          return real.requestCount();
        }

        @Override
        public void close() {
          real.close();
        }
      };
    };
  }

  @Test
  void aBrokenFakeFailsTheContract() {
    Set<String> unnoticed =
        AresFakeContract.scenarios().stream()
            .filter(
                s -> {
                  try {
                    s.check(dropsTheFirstScriptedAnswer());
                    return true;
                  } catch (AssertionError expected) {
                    return false;
                  }
                })
            .map(AresFakeContract.Scenario::name)
            .collect(Collectors.toSet());
    // Only the scenarios whose outcome a lost answer cannot change pass on the broken fake.
    assertEquals(
        Set.of(
            "a registration succeeds",
            "the same tenant twice: Tenant already exists",
            "a short delay is only slow",
            "no tenant input is refused before any request"),
        unnoticed);
    AresFakeContract.Scenario throttled =
        AresFakeContract.scenarios().stream()
            .filter(s -> s.name().equals("throttled on every attempt"))
            .findFirst()
            .orElseThrow();
    AssertionError e =
        assertThrows(AssertionError.class, () -> throttled.check(dropsTheFirstScriptedAnswer()));
    assertTrue(e.getMessage().contains("expected <HTTP 503 after 3 attempt(s)"), e.getMessage());
  }
}
