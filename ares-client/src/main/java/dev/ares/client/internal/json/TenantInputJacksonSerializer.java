package dev.ares.client.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.ares.client.RuleWireForm;
import dev.ares.client.model.TenantInput;
import java.io.IOException;

/**
 * Lets a plain Jackson {@code ObjectMapper} write a {@link TenantInput} as the reference JSON.
 *
 * <p>Internal: not part of the public API.
 */
public final class TenantInputJacksonSerializer extends StdSerializer<TenantInput> {

  private static final long serialVersionUID = 1L;

  /** Used by Jackson through the annotation on the model. */
  public TenantInputJacksonSerializer() {
    super(TenantInput.class);
  }

  @Override
  public void serialize(TenantInput value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeTree(TenantInputCodec.toJson(value, RuleWireForm.REFERENCE));
  }
}
