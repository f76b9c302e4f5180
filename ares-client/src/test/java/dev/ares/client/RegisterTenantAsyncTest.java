package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.testing.FakeAnswer;
import dev.ares.client.testing.InMemoryAresClient;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.SdkThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only a non-blocking {@link AresClient#registerTenantAsync} does: more calls in flight than
 * any thread pool would carry, cancellation that aborts the exchange and frees its connection, bad
 * input as a failed future; and on a caller's classic client, a cancel that still aborts the
 * request. The blocking call's outcomes, async too, are in the fault tests ({@link CallStyle}).
 */
class RegisterTenantAsyncTest {

  private static final String SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-42\",\"userErrors\":[]}}}";

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    server.close();
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  /** Counts attempts started and calls ended. */
  private static final class Events implements HttpEventListener {
    final CountDownLatch attemptsStarted;
    final CountDownLatch callsEnded;

    Events(int calls) {
      attemptsStarted = new CountDownLatch(calls);
      callsEnded = new CountDownLatch(calls);
    }

    @Override
    public void attemptStart(HttpCallInfo call, int attempt) {
      attemptsStarted.countDown();
    }

    @Override
    public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
      callsEnded.countDown();
    }
  }

  private AresClientBuilder builder(HttpEventListener events) {
    return AresClient.builder()
        .endpoint(server.url("/graphql").uri())
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-123")
        .gatewaySignature(Fixtures.JWT)
        .retryPolicy(RetryPolicy.none())
        .attemptTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ofSeconds(60))
        .eventListener(events);
  }

  private <T extends AutoCloseable> T closing(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  @Test
  void manyMoreCallsInFlightThanThreadsAndNoThreadWaitsForOne() throws Exception {
    int calls = 48; // three times the SDK's blocking pool
    Events events = new Events(calls);
    InMemoryAresClient ares =
        closing(
            new InMemoryAresClient(
                HttpOptions.builder()
                    .retryPolicy(RetryPolicy.none())
                    .attemptTimeout(Duration.ofSeconds(60))
                    .callTimeout(Duration.ofSeconds(60))
                    .eventListener(events)
                    .build()));
    FakeAnswer[] slow = new FakeAnswer[calls];
    Arrays.fill(slow, FakeAnswer.delayed(Duration.ofSeconds(60)));
    ares.enqueue(slow);
    List<CompletableFuture<RegisterTenantResult>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      futures.add(ares.registerTenantAsync(Fixtures.tenant()));
    }
    assertTrue(events.attemptsStarted.await(10, TimeUnit.SECONDS), "every call is in flight");
    assertEquals(calls, ares.requests().size());
    for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
      for (StackTraceElement frame : stack) {
        boolean blocking =
            frame.getClassName().endsWith(".HttpEngine") && frame.getMethodName().equals("execute")
                || frame.getClassName().endsWith(".InMemoryTransport");
        assertFalse(blocking, "a thread waits in a blocking call: " + frame);
      }
    }
    futures.forEach(f -> f.cancel(true));
    assertTrue(events.callsEnded.await(10, TimeUnit.SECONDS), "every cancelled call ended");
    futures.forEach(f -> assertTrue(f.isCancelled()));
    // The script is used up, so the fake answers on its own again: the client is still whole.
    assertTrue(ares.registerTenantAsync(Fixtures.tenant()).get(10, TimeUnit.SECONDS) != null);
  }

  @Test
  void cancellingAbortsTheExchangeAndFreesItsConnection() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(SUCCESS)
            .build());
    AresClient client = closing(builder(HttpEventListener.none()).maxConnections(1).build());
    CompletableFuture<RegisterTenantResult> stalled = client.registerTenantAsync(Fixtures.tenant());
    assertNotNull(server.takeRequest(5, TimeUnit.SECONDS), "the call reached the server");
    assertTrue(stalled.cancel(true));
    // One connection in the pool: the next call gets it only if the cancel gave it back (the
    // stalled exchange would otherwise hold it for the 60 s attempt timeout).
    assertEquals(
        "t-42",
        client.registerTenantAsync(Fixtures.tenant()).get(10, TimeUnit.SECONDS).requireTenantId());
    assertEquals(0, HttpAresClientTest.leasedAfterCallsEnd(client));
  }

  @Test
  void badInputIsAFailedFutureAndNothingIsSent() {
    AresClient client = closing(builder(HttpEventListener.none()).build());
    CompletableFuture<RegisterTenantResult> future = client.registerTenantAsync(null);
    ExecutionException e = assertThrows(ExecutionException.class, future::get);
    assertTrue(e.getCause() instanceof AresValidationException, String.valueOf(e.getCause()));
    assertEquals("tenantInput is required", e.getCause().getMessage());
    assertThrows(
        NullPointerException.class, () -> client.registerTenantAsync(Fixtures.tenant(), null));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aFailingJwtSupplierFailsTheFutureWithTheBlockingCallsException() {
    AresClient client =
        closing(
            builder(HttpEventListener.none())
                .gatewaySignature(
                    () -> {
                      throw new IllegalStateException("vault down");
                    })
                .build());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.registerTenantAsync(Fixtures.tenant()).get(10, TimeUnit.SECONDS));
    AresTransportException failure = (AresTransportException) e.getCause();
    assertEquals(TransportFailure.REQUEST_NOT_BUILT, failure.failure());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void onACallersClientTheCallRunsOnTheExecutorAndCancellingAbortsItsRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(SUCCESS)
            .build());
    Events events = new Events(1);
    CloseableHttpClient mine = closing(HttpClients.custom().disableAutomaticRetries().build());
    ExecutorService executor = Executors.newSingleThreadExecutor();
    closeables.add(executor::shutdownNow);
    AresClient client = closing(builder(events).httpClient(mine).build());
    CompletableFuture<RegisterTenantResult> stalled =
        client.registerTenantAsync(Fixtures.tenant(), executor);
    assertNotNull(server.takeRequest(5, TimeUnit.SECONDS), "the call reached the server");
    assertTrue(stalled.cancel(true));
    assertTrue(
        events.callsEnded.await(10, TimeUnit.SECONDS),
        "the blocking call ended at the cancel, not at its 60 s attempt timeout");
    // The executor's one thread is free again for the next call.
    assertEquals(
        "t-42",
        client
            .registerTenantAsync(Fixtures.tenant(), executor)
            .get(10, TimeUnit.SECONDS)
            .requireTenantId());
  }

  @Test
  void theInMemoryFakeFailsTheFutureWithAScriptedFailureAsItIs() {
    InMemoryAresClient ares = closing(new InMemoryAresClient());
    AresTransportException scripted =
        new AresTransportException(
            TransportFailure.CONNECT_TIMEOUT, "scripted", "ares.in-memory", 1, false, null);
    ares.failNextWith(scripted);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> ares.registerTenantAsync(Fixtures.tenant()).get(10, TimeUnit.SECONDS));
    assertSame(scripted, e.getCause());
    assertEquals(0, ares.requests().size());
  }
}
