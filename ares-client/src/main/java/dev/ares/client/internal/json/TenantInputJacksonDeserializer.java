package dev.ares.client.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.ares.client.model.TenantInput;
import java.io.IOException;

/**
 * Lets a plain Jackson {@code ObjectMapper} read a {@link TenantInput} with the same checks as
 * {@link dev.ares.client.TenantInputJson}; problems surface as {@link
 * dev.ares.core.AresValidationException}.
 *
 * <p>Internal: not part of the public API.
 */
public final class TenantInputJacksonDeserializer extends StdDeserializer<TenantInput> {

  private static final long serialVersionUID = 1L;

  /** Used by Jackson through the annotation on the model. */
  public TenantInputJacksonDeserializer() {
    super(TenantInput.class);
  }

  @Override
  public TenantInput deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return TenantInputCodec.read(p);
  }
}
