package dev.ares.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.AresGraphQlException;
import dev.ares.client.AresResponseException;
import dev.ares.client.RuleWireForm;
import dev.ares.client.internal.json.TenantInputCodec;
import dev.ares.client.model.GraphQlError;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.json.Json;
import dev.ares.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code registerTenant} mutation: its request body and the reading of its response.
 *
 * <p>Internal: not part of the public API.
 */
public final class RegisterTenantOperation {

  // A hostile answer may carry thousands of errors; each kept one is cleaned for display, so only
  // the first ones are kept (far more than ARES sends). Messages list at most five anyway.
  static final int MAX_ERRORS_KEPT = 100;
  static final int MAX_PATH_SEGMENTS_KEPT = 64;

  /** The mutation text, exactly as the ARES reference gives it. */
  public static final String QUERY =
      "mutation registerTenant($tenantInput: TenantInput!) { registerTenant(tenantInput: $tenantInput)"
          + " { tenantId userErrors { message path } } }";

  /** The operation name sent with the query. */
  public static final String OPERATION_NAME = "registerTenant";

  private RegisterTenantOperation() {}

  /** The JSON request body: query, operation name and variables. */
  public static byte[] requestBody(TenantInput input, RuleWireForm form) {
    ObjectNode body = Json.object();
    body.put("query", QUERY);
    body.put("operationName", OPERATION_NAME);
    body.set("variables", TenantInputCodec.toVariables(input, form));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a 2xx response body. Every string the server sent (the tenant id, user-error messages and
   * paths, GraphQL messages, paths and classifications) is kept only as {@code serverText} makes
   * it: the call's secrets masked, printable, cut.
   *
   * @throws AresGraphQlException when it carries {@code errors}
   * @throws AresResponseException when it is not the expected GraphQL response
   */
  public static RegisterTenantResult readResponse(
      byte[] body, int status, String requestId, int attempts, ServerText serverText) {
    JsonNode root;
    try {
      root = StrictJson.read(body, "answer");
    } catch (AresValidationException e) {
      // Strict, as every JSON the SDK reads: a key given twice or content after the value is
      // no answer to trust, whichever of its readings the server meant.
      throw new AresResponseException(
          "ARES answered with a body that is not JSON", status, requestId, attempts);
    }
    if (root == null || root.isMissingNode()) {
      throw new AresResponseException(
          "ARES answered with an empty body", status, requestId, attempts);
    }
    if (!root.isObject()) {
      throw new AresResponseException(
          "ARES answered with JSON that is not a GraphQL response", status, requestId, attempts);
    }
    JsonNode data = root.path("data").path(OPERATION_NAME);
    RegisterTenantResult result = data.isObject() ? readResult(data, serverText) : null;
    JsonNode errors = root.get("errors");
    if (errors != null && errors.isArray() && errors.size() > 0) {
      throw new AresGraphQlException(
          readErrors(errors, serverText), result, status, requestId, attempts);
    }
    if (result == null) {
      throw new AresResponseException(
          "ARES answered without data.registerTenant", status, requestId, attempts);
    }
    return result;
  }

  private static RegisterTenantResult readResult(JsonNode data, ServerText serverText) {
    RegisterTenantResult.Builder b = RegisterTenantResult.builder();
    JsonNode id = data.get("tenantId");
    if (id != null && id.isValueNode() && !id.isNull()) {
      b.tenantId(serverText.printable(id.asText()));
    }
    for (JsonNode e : first(MAX_ERRORS_KEPT, data.get("userErrors"))) {
      b.addUserErrors(
          UserError.of(
              serverText.printable(e.path("message").asText("")),
              paths(e.get("path"), serverText)));
    }
    return b.build();
  }

  private static List<GraphQlError> readErrors(JsonNode errors, ServerText serverText) {
    List<GraphQlError> out = new ArrayList<>();
    for (JsonNode e : first(MAX_ERRORS_KEPT, errors)) {
      JsonNode extensions = e.path("extensions");
      String classification =
          extensions.hasNonNull("classification")
              ? extensions.get("classification").asText()
              : extensions.hasNonNull("code") ? extensions.get("code").asText() : null;
      out.add(
          GraphQlError.builder()
              .message(serverText.printable(e.path("message").asText("(no message)")))
              .path(paths(e.get("path"), serverText))
              .classification(Optional.ofNullable(serverText.printable(classification)))
              .build());
    }
    return out;
  }

  private static List<String> paths(JsonNode path, ServerText serverText) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : first(MAX_PATH_SEGMENTS_KEPT, path)) {
      out.add(serverText.printable(p.asText()));
    }
    return out;
  }

  /** The first {@code max} elements of an array; nothing for anything else. */
  private static List<JsonNode> first(int max, JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (int i = 0; i < node.size() && i < max; i++) {
        out.add(node.get(i));
      }
    }
    return out;
  }
}
