package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ares.client.model.GraphQlError;
import dev.ares.client.model.UserError;
import dev.ares.core.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message a user reads for each way ARES can answer with an error. */
class ErrorMessagesTest {

  private static GraphQlError error(String message, String... path) {
    return GraphQlError.builder().message(message).path(List.of(path)).build();
  }

  @Test
  void graphQlErrorsAreListedWithTheirPathsAndSplitByKind() {
    GraphQlError request = error("Validation error: unknown argument");
    GraphQlError field = error("Tenant store unreachable", "registerTenant", "tenantId");
    AresGraphQlException e = new AresGraphQlException(List.of(request, field), null, 200, null, 1);
    assertEquals(
        "ARES answered with GraphQL errors: Validation error: unknown argument;"
            + " registerTenant.tenantId: Tenant store unreachable (HTTP 200)",
        e.getMessage());
    assertEquals(List.of(request), e.requestErrors());
    assertEquals(List.of(field), e.fieldErrors());
  }

  @Test
  void fiveErrorsAreAllListedAndASixthIsCounted() {
    List<GraphQlError> errors = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      errors.add(error("e" + i));
    }
    assertEquals(
        "ARES answered with GraphQL errors: e1; e2; e3; e4; e5 (HTTP 200)",
        new AresGraphQlException(errors, null, 200, null, 1).getMessage());
    errors.add(error("e6"));
    assertEquals(
        "ARES answered with GraphQL errors: e1; e2; e3; e4; e5; and 1 more (HTTP 200)",
        new AresGraphQlException(errors, null, 200, null, 1).getMessage());
  }

  @Test
  void userErrorsOrTheirAbsenceAreExplained() {
    assertEquals(
        "ARES registered no tenant and gave no reason",
        new AresUserErrorsException(List.of()).getMessage());
    assertEquals(
        "ARES refused the input: tenantInput.projectId: Tenant already exists; threshold ignored",
        new AresUserErrorsException(
                List.of(
                    UserError.of("Tenant already exists", List.of("tenantInput", "projectId")),
                    UserError.of("threshold ignored", List.of())))
            .getMessage());
  }

  @Test
  void violationsAreEqualOnlyWithTheSamePathAndMessage() {
    FieldViolation v = FieldViolation.of("tenantInput.projectId", "is required");
    assertEquals(FieldViolation.of("tenantInput.projectId", "is required"), v);
    assertEquals(
        FieldViolation.of("tenantInput.projectId", "is required").hashCode(), v.hashCode());
    assertNotEquals(FieldViolation.of("tenantInput.aem", "is required"), v);
    assertNotEquals(FieldViolation.of("tenantInput.projectId", "must not be blank"), v);
    assertNotEquals(v, "tenantInput.projectId is required");
    assertNotEquals(v, null);
  }
}
