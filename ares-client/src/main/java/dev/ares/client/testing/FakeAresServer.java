package dev.ares.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ares.client.internal.RegisterTenantOperation;
import dev.ares.client.internal.TenantRegistry;
import dev.ares.client.internal.json.TenantInputCodec;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.http.JsonReplies;
import dev.ares.core.internal.json.Json;
import dev.ares.core.internal.json.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that speaks the ARES GraphQL wire form, for tests and examples that should
 * run the real HTTP path. It checks the three ARES headers as the service does (no API key: user
 * error {@code Client ID is missing}; no JWT: {@code JWT is required}), validates the tenant input
 * and registers tenants with the same rules as {@link InMemoryAresClient}.
 *
 * <pre>{@code
 * try (FakeAresServer fake = FakeAresServer.start();
 *      AresClient ares = AresClient.builder().endpoint(fake.endpoint())
 *          .apiKey("key").environmentId("env").gatewaySignature("jwt").build()) {
 *   ares.registerTenant(tenant);
 * }
 * }</pre>
 */
public final class FakeAresServer implements AutoCloseable {

  /** The path the GraphQL endpoint is served on. */
  public static final String PATH = "/graphql";

  private static final int MAX_REQUEST_BYTES = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final TenantRegistry registry = new TenantRegistry();
  private final List<TenantInput> registrations = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  private FakeAresServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a fake on a free loopback port. */
  public static FakeAresServer start() {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, costing ~40 ms a request. Read once, when the JDK server first starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicInteger threads = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              8,
              r -> {
                Thread t = new Thread(r, "fake-ares-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      FakeAresServer fake = new FakeAresServer(server, executor);
      server.createContext(PATH, fake::handle);
      server.setExecutor(executor);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the fake ARES server", e);
    }
  }

  /** The GraphQL endpoint, such as {@code http://127.0.0.1:54321/graphql}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
  }

  /** Every tenant input received with all headers present, in order, refused ones included. */
  public List<TenantInput> registrations() {
    return List.copyOf(registrations);
  }

  /** The registered tenants by id. */
  public Map<String, TenantInput> tenants() {
    return registry.tenants();
  }

  /** How many HTTP requests reached the endpoint. */
  public int requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int n = requests.incrementAndGet();
    try (exchange) {
      exchange.getResponseHeaders().set("x-request-id", "fake-" + n);
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, errors("Only POST is supported"));
        return;
      }
      JsonNode request;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
          respond(exchange, 413, errors("Request body too large"));
          return;
        }
        request = StrictJson.read(body, "request");
      } catch (IOException | AresValidationException e) {
        respond(exchange, 400, errors("Request body is not valid JSON"));
        return;
      }
      if (request == null
          || !request.isObject()
          || !request.path("query").asText("").contains("registerTenant")) {
        respond(exchange, 200, errors("Unknown operation: only registerTenant is supported"));
        return;
      }
      respond(exchange, 200, data(answer(exchange, request.path("variables"))));
    }
  }

  private RegisterTenantResult answer(HttpExchange exchange, JsonNode variables) {
    if (isBlank(exchange.getRequestHeaders().getFirst("x-api-key"))) {
      return refusal("Client ID is missing");
    }
    if (isBlank(exchange.getRequestHeaders().getFirst("x-gw-signature"))) {
      return refusal("JWT is required");
    }
    if (isBlank(exchange.getRequestHeaders().getFirst("magento-environment-id"))) {
      return refusal("magento-environment-id is required");
    }
    TenantInput input;
    try {
      input = TenantInputCodec.fromJson(variables.path("tenantInput"));
    } catch (AresValidationException e) {
      return TenantRegistry.refused(e.violations());
    }
    registrations.add(input);
    return registry.register(input);
  }

  private static RegisterTenantResult refusal(String message) {
    return RegisterTenantResult.builder().addUserErrors(UserError.of(message, List.of())).build();
  }

  private static ObjectNode data(RegisterTenantResult result) {
    ObjectNode root = Json.object();
    ObjectNode r = root.putObject("data").putObject(RegisterTenantOperation.OPERATION_NAME);
    if (result.tenantId().isPresent()) {
      r.put("tenantId", result.tenantId().get());
    } else {
      r.putNull("tenantId");
    }
    ArrayNode errors = r.putArray("userErrors");
    for (UserError e : result.userErrors()) {
      ObjectNode o = errors.addObject().put("message", e.message());
      ArrayNode path = o.putArray("path");
      e.path().forEach(path::add);
    }
    return root;
  }

  private static ObjectNode errors(String message) {
    ObjectNode root = Json.object();
    root.putArray("errors").addObject().put("message", message);
    return root;
  }

  private static void respond(HttpExchange exchange, int status, ObjectNode body)
      throws IOException {
    JsonReplies.send(exchange, status, body.toString());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Stops the server and its threads at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeAresServer{endpoint=" + endpoint() + "}";
  }
}
