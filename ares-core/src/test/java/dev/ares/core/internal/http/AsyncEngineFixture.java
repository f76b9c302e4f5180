package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.core.RetryPolicy;
import dev.ares.core.testsupport.SdkThreads;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the async engine tests share: a MockWebServer, an engine of four connections whose threads
 * are named {@code ares-async-test-…}, and the leak check that no SDK thread outlives its close.
 */
abstract class AsyncEngineFixture {

  /** The prefix of every thread the engine under test starts. */
  static final String THREADS = "ares-async-test";

  MockWebServer server;
  HttpEngine engine;

  @BeforeEach
  void startServerAndEngine() throws Exception {
    server = new MockWebServer();
    server.start();
    engine =
        new HttpEngine(
            THREADS + "-deadlines", null, 4, Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  @AfterEach
  void closeAndCheckThreads() {
    engine.close();
    server.close();
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  /** Three attempts at most, a few milliseconds apart. */
  static RetryPolicy quickRetries() {
    return RetryPolicy.builder()
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(10))
        .build();
  }

  /** An empty POST to {@code uri}, retried quickly. */
  static HttpCall.Builder emptyPost(URI uri) {
    return HttpCall.to("test", uri, () -> new HttpPost(uri))
        .retryPolicy(quickRetries())
        .idempotent(true);
  }
}
