package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.core.CallOutcome;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code first.andThen(second)} tells both listeners of every event, the first one first. */
class ChainedEventListenerTest {

  private static final HttpCallInfo CALL = HttpCallInfo.of("TestClient", "read", "h:1");

  private static HttpEventListener named(String name, List<String> heard) {
    return new HttpEventListener() {
      @Override
      public void callStart(HttpCallInfo call) {
        heard.add(name + " callStart " + call.operation());
      }

      @Override
      public void attemptStart(HttpCallInfo call, int attempt) {
        heard.add(name + " attemptStart " + attempt);
      }

      @Override
      public void attemptFailed(
          HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
        heard.add(name + " attemptFailed " + attempt + " " + failure + " " + elapsed.toMillis());
      }

      @Override
      public void responseReceived(
          HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
        heard.add(name + " response " + attempt + " " + status + " " + requestId);
      }

      @Override
      public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
        heard.add(name + " retry " + attempt + " " + delay.toMillis());
      }

      @Override
      public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
        heard.add(name + " callEnd " + summary.outcome() + " " + summary.attempts());
      }
    };
  }

  @Test
  void bothListenersHearEveryEventWithItsValuesTheFirstOneFirst() {
    List<String> heard = new ArrayList<>();
    HttpEventListener chain = named("A", heard).andThen(named("B", heard));
    chain.callStart(CALL);
    chain.attemptStart(CALL, 1);
    chain.attemptFailed(CALL, 1, TransportFailure.CONNECT_REFUSED, Duration.ofMillis(7));
    chain.retryScheduled(CALL, 1, Duration.ofMillis(200));
    chain.attemptStart(CALL, 2);
    chain.responseReceived(CALL, 2, 201, Duration.ofMillis(9), "rid-2");
    chain.callEnd(
        CALL,
        HttpCallSummary.builder()
            .outcome(CallOutcome.SUCCESS)
            .status(201)
            .attempts(2)
            .duration(Duration.ofMillis(300))
            .build());
    assertEquals(
        List.of(
            "A callStart read",
            "B callStart read",
            "A attemptStart 1",
            "B attemptStart 1",
            "A attemptFailed 1 CONNECT_REFUSED 7",
            "B attemptFailed 1 CONNECT_REFUSED 7",
            "A retry 1 200",
            "B retry 1 200",
            "A attemptStart 2",
            "B attemptStart 2",
            "A response 2 201 rid-2",
            "B response 2 201 rid-2",
            "A callEnd SUCCESS 2",
            "B callEnd SUCCESS 2"),
        heard);
  }
}
