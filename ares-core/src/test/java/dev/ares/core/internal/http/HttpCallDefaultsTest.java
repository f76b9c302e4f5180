package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.Test;

/**
 * What a call does unless told otherwise (safe for a request that changes state: only attempts that
 * never reached the peer are retried, no redirects, a 4 MiB cap), and exactly which failed attempts
 * each retry rule retries.
 */
class HttpCallDefaultsTest {

  private static final URI URI_ = URI.create("https://ares.example/graphql");

  private static HttpCall.Builder to() {
    return HttpCall.to("test", URI_, () -> new HttpGet(URI_));
  }

  private static HttpCallException failed(TransportFailure failure, boolean sent) {
    return HttpCallException.of(failure, "failed", 1, sent, null);
  }

  @Test
  void aCallIsSafeForAChangeUnlessToldOtherwise() {
    HttpCall call = to().build();
    assertSame(HttpCall.RETRY_UNSENT, call.retryOn);
    assertEquals(RetryPolicy.defaults(), call.retryPolicy);
    assertFalse(call.followRedirects);
    assertEquals(4L * 1024 * 1024, call.maxResponseBytes);
    assertEquals(Duration.ofSeconds(5), call.connectTimeout);
    assertEquals(Duration.ofSeconds(15), call.attemptTimeout);
    assertEquals(Duration.ofSeconds(15), call.socketTimeout);
    assertEquals(Duration.ofSeconds(45), call.callTimeout);
    assertNull(call.deadlineNanos);
    assertFalse(call.timeoutWhenRetryDoesNotFit);
    assertSame(ServerText.withoutSecrets(), call.serverText.get());
  }

  @Test
  void theSocketTimeoutFollowsTheAttemptTimeoutUnlessSet() {
    HttpCall follows =
        to().timeouts(Duration.ofSeconds(1), Duration.ofSeconds(7), Duration.ofSeconds(9)).build();
    assertEquals(Duration.ofSeconds(7), follows.socketTimeout);
    HttpCall own = to().socketTimeout(Duration.ofSeconds(3)).followRedirects(true).build();
    assertEquals(Duration.ofSeconds(3), own.socketTimeout);
    assertTrue(own.followRedirects);
  }

  @Test
  void anIdempotentCallRetriesReadsAndANonIdempotentOneOnlyUnsentAttempts() {
    assertSame(HttpCall.RETRY_READS, to().idempotent(true).build().retryOn);
    assertSame(HttpCall.RETRY_UNSENT, to().idempotent(true).idempotent(false).build().retryOn);
  }

  @Test
  void aChangeIsRetriedOnlyWhenItCannotHaveReachedThePeer() {
    assertTrue(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.CONNECT_REFUSED, false)));
    assertTrue(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.CONNECT_TIMEOUT, false)));
    assertTrue(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.ATTEMPT_TIMEOUT, false)));
    assertFalse(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.ATTEMPT_TIMEOUT, true)));
    assertFalse(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.CONNECTION_RESET, true)));
    assertFalse(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.CLOSED, false)));
    assertFalse(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.INTERRUPTED, false)));
    assertFalse(HttpCall.RETRY_UNSENT.test(failed(TransportFailure.REQUEST_NOT_BUILT, false)));
  }

  @Test
  void aReadIsAlsoRetriedAfterATimeoutOrALostConnectionButNeverWhenClosedOrInterrupted() {
    assertTrue(HttpCall.RETRY_READS.test(failed(TransportFailure.CONNECT_REFUSED, false)));
    assertTrue(HttpCall.RETRY_READS.test(failed(TransportFailure.ATTEMPT_TIMEOUT, true)));
    assertTrue(HttpCall.RETRY_READS.test(failed(TransportFailure.CONNECTION_RESET, true)));
    assertFalse(HttpCall.RETRY_READS.test(failed(TransportFailure.CLOSED, false)));
    assertFalse(HttpCall.RETRY_READS.test(failed(TransportFailure.INTERRUPTED, false)));
    assertFalse(HttpCall.RETRY_READS.test(failed(TransportFailure.REQUEST_NOT_BUILT, false)));
  }
}
