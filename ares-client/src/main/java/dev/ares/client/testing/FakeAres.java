package dev.ares.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.internal.RegisterTenantOperation;
import dev.ares.client.internal.TenantRegistry;
import dev.ares.client.internal.json.TenantInputCodec;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.json.Json;
import dev.ares.core.internal.json.StrictJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The one fake ARES service behind both fakes: header checks as the service makes them, the tenant
 * registry, the script of {@link FakeAnswer}s and the record of what was received. {@link
 * FakeAresServer} serves it over loopback HTTP, {@link InMemoryAresClient} inside the client's own
 * HTTP stack, so both answer byte for byte alike. Thread-safe.
 */
final class FakeAres {

  /** What to send back for one request. */
  record Reply(
      int status, Map<String, String> headers, String body, Duration delay, boolean drop) {}

  static final int MAX_REQUEST_BYTES = 1 << 20;

  private final TenantRegistry registry = new TenantRegistry();
  private final List<TenantInput> registrations = new CopyOnWriteArrayList<>();
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
  private final Queue<FakeAnswer> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();

  void enqueue(FakeAnswer... answers) {
    for (FakeAnswer answer : answers) {
      script.add(Objects.requireNonNull(answer, "answer"));
    }
  }

  List<TenantInput> registrations() {
    return List.copyOf(registrations);
  }

  Map<String, TenantInput> tenants() {
    return registry.tenants();
  }

  List<ReceivedRequest> requests() {
    return List.copyOf(received);
  }

  int requestCount() {
    return requests.get();
  }

  void reset() {
    registry.clear();
    registrations.clear();
    received.clear();
    script.clear();
  }

  /**
   * The reply to one request: {@code header} looks a request header up by name (any case), {@code
   * body} is at most {@link #MAX_REQUEST_BYTES} plus one byte as read.
   */
  Reply handle(String method, UnaryOperator<String> header, byte[] body) {
    int n = requests.incrementAndGet();
    String requestId = "fake-" + n;
    received.add(ReceivedRequest.of(method, header, body));
    FakeAnswer scripted = script.poll();
    Duration delay = Duration.ZERO;
    if (scripted != null) {
      switch (scripted.kind) {
        case DROP -> {
          return new Reply(0, Map.of(), "", Duration.ZERO, true);
        }
        case STATUS -> {
          return reply(requestId, scripted.status, "{}", Duration.ZERO, scripted.retryAfter);
        }
        case GRAPHQL_ERROR -> {
          return reply(requestId, 200, errors(scripted.message), Duration.ZERO, null);
        }
        case DELAY -> delay = scripted.delay;
        case USER_ERROR -> {} // answered below, once the request is known to be a registration
      }
    }
    if (!"POST".equals(method)) {
      return reply(requestId, 405, errors("Only POST is supported"), delay, null);
    }
    if (body.length > MAX_REQUEST_BYTES) {
      return reply(requestId, 413, errors("Request body too large"), delay, null);
    }
    JsonNode request;
    try {
      request = StrictJson.read(body, "request");
    } catch (AresValidationException e) {
      return reply(requestId, 400, errors("Request body is not valid JSON"), delay, null);
    }
    if (request == null
        || !request.isObject()
        || !request.path("query").asText("").contains("registerTenant")) {
      return reply(
          requestId,
          200,
          errors("Unknown operation: only registerTenant is supported"),
          delay,
          null);
    }
    RegisterTenantResult result =
        scripted != null && scripted.kind == FakeAnswer.Kind.USER_ERROR
            ? refusal(scripted.message, scripted.path)
            : answer(header, request.path("variables"));
    return reply(requestId, 200, data(result), delay, null);
  }

  private RegisterTenantResult answer(UnaryOperator<String> header, JsonNode variables) {
    if (isBlank(header.apply("x-api-key"))) {
      return refusal("Client ID is missing", List.of());
    }
    if (isBlank(header.apply("x-gw-signature"))) {
      return refusal("JWT is required", List.of());
    }
    if (isBlank(header.apply("magento-environment-id"))) {
      return refusal("magento-environment-id is required", List.of());
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

  private static RegisterTenantResult refusal(String message, List<String> path) {
    return RegisterTenantResult.builder().addUserErrors(UserError.of(message, path)).build();
  }

  private static Reply reply(
      String requestId, int status, String body, Duration delay, Duration retryAfter) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-request-id", requestId);
    if (retryAfter != null) {
      long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
      headers.put("Retry-After", Long.toString(seconds));
    }
    return new Reply(status, Map.copyOf(headers), body, delay, false);
  }

  private static String data(RegisterTenantResult result) {
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
    return root.toString();
  }

  private static String errors(String message) {
    ObjectNode root = Json.object();
    root.putArray("errors").addObject().put("message", message);
    return root.toString();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
