package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures that another try cannot mend are not retried, each with its own message; a 400 that says
 * nothing about OAuth is not blamed on the credentials.
 */
class CredentialsCheckFailureMessagesTest {

  private MockWebServer server;
  private final List<AutoCloseable> closeables = new ArrayList<>();

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
  }

  /** Three quick attempts allowed: a failure answered after one was not retried. */
  private CredentialsCheckResult run(CommerceCredentialsCheck.Builder builder) {
    CommerceCredentialsCheck check =
        builder
            .credentials(TestCredentials.DISTINCT)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2))
                    .build())
            .build();
    closeables.add(check);
    return check.run();
  }

  @Test
  void anUnknownHostIsNotRetried() {
    CredentialsCheckResult result =
        run(
            CommerceCredentialsCheck.builder()
                .baseUrl("https://store.invalid")
                .callTimeout(Duration.ofSeconds(20)));
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals("unknown host store.invalid", result.message());
    assertEquals(Optional.of(TransportFailure.UNKNOWN_HOST), result.transportFailure());
    assertEquals(1, result.attempts());
  }

  @Test
  void aTlsFailureIsNotRetried() throws Exception {
    // A server that answers every connection at once with plain HTTP: the client's handshake
    // reads a record that is not TLS and fails there, without waiting on the server.
    ServerSocket plain = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    closeables.add(plain);
    java.util.concurrent.atomic.AtomicInteger connections =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread answering =
        new Thread(
            () -> {
              while (!plain.isClosed()) {
                try (Socket s = plain.accept()) {
                  connections.incrementAndGet();
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  s.getOutputStream().flush();
                } catch (java.io.IOException closed) {
                  return;
                }
              }
            });
    answering.setDaemon(true);
    answering.start();
    String hostPort = "127.0.0.1:" + plain.getLocalPort();
    CredentialsCheckResult result =
        run(
            CommerceCredentialsCheck.builder()
                .baseUrl("https://" + hostPort)
                .callTimeout(Duration.ofSeconds(10)));
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals("TLS failure with " + hostPort, result.message());
    assertEquals(Optional.of(TransportFailure.TLS), result.transportFailure());
    assertEquals(1, result.attempts());
    assertEquals(1, connections.get(), "not retried");
  }

  @Test
  void aConnectTimeoutIsNotRetriedAndNamesTheTimeout() throws Exception {
    // A listening socket that never accepts, its backlog filled: further SYNs go unanswered.
    ServerSocket full = new ServerSocket();
    closeables.add(full);
    full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
    int port = full.getLocalPort();
    for (int i = 0; i < 4; i++) {
      Socket filler = new Socket();
      closeables.add(filler);
      try {
        filler.connect(new InetSocketAddress("127.0.0.1", port), 100);
      } catch (java.net.SocketTimeoutException e) {
        break; // the backlog is full
      }
    }
    CredentialsCheckResult result =
        run(
            CommerceCredentialsCheck.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofMillis(200))
                .callTimeout(Duration.ofSeconds(20)));
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals("could not connect to 127.0.0.1:" + port + " within 200 ms", result.message());
    assertEquals(Optional.of(TransportFailure.CONNECT_TIMEOUT), result.transportFailure());
    assertEquals(1, result.attempts());
  }

  @Test
  void aBadRequestThatDoesNotMentionOAuthIsUnexpectedNotBadCredentials() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("Content-Type", "application/json")
            .body("{\"message\":\"\\\"searchCriteria\\\" is required. Enter and try again.\"}")
            .build());
    CredentialsCheckResult result =
        run(CommerceCredentialsCheck.builder().baseUrl(server.url("/").toString()));
    assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict());
    assertEquals("\"searchCriteria\" is required. Enter and try again.", result.message());
    assertEquals(1, result.attempts());
  }

  @Test
  void aBadRequestAboutTheSignatureIsBadCredentials() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("Content-Type", "application/json")
            .body("{\"message\":\"Signature method %1 is not supported\",\"parameters\":[\"X\"]}")
            .build());
    CredentialsCheckResult result =
        run(CommerceCredentialsCheck.builder().baseUrl(server.url("/").toString()));
    assertEquals(CredentialsVerdict.BAD_CREDENTIALS, result.verdict());
    assertTrue(result.message().startsWith("Signature method X"), result.message());
  }
}
