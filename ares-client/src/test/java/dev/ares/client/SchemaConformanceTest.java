package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Executes the exact request the client sends against the ARES reference schema, so query text,
 * operation name and variables are proven to match the schema, for both rules.
 */
class SchemaConformanceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void requestsExecuteAgainstTheReferenceSchema() throws Exception {
    AtomicReference<Map<String, Object>> received = new AtomicReference<>();
    GraphQLSchema schema =
        new SchemaGenerator()
            .makeExecutableSchema(
                new SchemaParser().parse(Fixtures.resource("ares-reference.graphqls")),
                RuntimeWiring.newRuntimeWiring()
                    .type(
                        "Mutation",
                        w ->
                            w.dataFetcher(
                                "registerTenant",
                                env -> {
                                  received.set(env.getArgument("tenantInput"));
                                  return Map.of("tenantId", "t-1", "userErrors", List.of());
                                }))
                    .build());
    GraphQL graphQl = GraphQL.newGraphQL(schema).build();

    for (var tenant :
        List.of(
            Fixtures.tenant(),
            Fixtures.tenantBuilder().rule(Fixtures.externalMatcher()).threshold(50).build())) {
      try (MockWebServer server = new MockWebServer()) {
        server.start();
        server.enqueue(
            new MockResponse.Builder()
                .code(200)
                .body("{\"data\":{\"registerTenant\":{\"tenantId\":\"t-1\",\"userErrors\":[]}}}")
                .build());
        try (AresClient client =
            AresClient.builder()
                .endpoint(server.url("/graphql").uri())
                .apiKey("k")
                .environmentId("e")
                .gatewaySignature("j")
                .build()) {
          client.registerTenant(tenant);
        }
        var sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(sent, "the client sent its request");
        JsonNode body = MAPPER.readTree(sent.getBody().string(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = MAPPER.convertValue(body.get("variables"), Map.class);
        ExecutionResult result =
            graphQl.execute(
                ExecutionInput.newExecutionInput()
                    .query(body.get("query").asText())
                    .operationName(body.get("operationName").asText())
                    .variables(variables)
                    .build());
        assertTrue(result.getErrors().isEmpty(), () -> result.getErrors().toString());
        assertEquals(tenant.projectId(), received.get().get("projectId"));
        assertEquals(tenant.ruleType().wireName(), received.get().get("ruleType"));
        Map<String, Object> data = result.getData();
        assertEquals(
            Map.of("registerTenant", Map.of("tenantId", "t-1", "userErrors", List.of())), data);
      }
    }
  }
}
