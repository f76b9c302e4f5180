package dev.ares.client.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.AresResponseException;
import dev.ares.core.internal.ServerText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An ARES answer is read as strictly as any JSON the SDK reads: a key given twice, content after
 * the value or a number out of range is the same {@link AresResponseException} as a body that is
 * not JSON, never a last-wins tenant id.
 */
class StrictAresAnswersTest {

  private static final String OK =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-1\",\"userErrors\":[]}}}";

  private static Object read(String body) {
    return RegisterTenantOperation.readResponse(
        body.getBytes(StandardCharsets.UTF_8), 200, "req-1", 1, ServerText.withoutSecrets());
  }

  @Test
  void aRepeatedKeyTrailingContentOrAHugeNumberIsNotJson() {
    for (String body :
        List.of(
            "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-1\",\"tenantId\":\"t-2\"}}}",
            "{\"data\":{},\"data\":{\"registerTenant\":{\"tenantId\":\"t-2\"}}}",
            OK + "{\"data\":null}",
            OK + " x",
            "{\"data\":{\"registerTenant\":{\"tenantId\":\"t\"}},\"n\":1e999}")) {
      AresResponseException e = assertThrows(AresResponseException.class, () -> read(body), body);
      assertTrue(
          e.getMessage().startsWith("ARES answered with a body that is not JSON"), e.getMessage());
    }
    read(OK);
  }
}
