package dev.ares.core.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The one owner of the SDK's Jackson mapper. The mapper itself never leaves this class, so no
 * caller can reconfigure it for every other; readers and writers get what they need from here.
 *
 * <p>Internal: not part of the public API.
 */
public final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** Refuses a key given twice; {@link StrictJson} adds the rest of the strict rules. */
  static final ObjectReader STRICT_READER =
      MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /** A new, empty JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new, empty JSON array. */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** A tree of {@code json}, for answers whose shape the caller checks field by field. */
  public static JsonNode readTree(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** A tree of {@code json}, for answers whose shape the caller checks field by field. */
  public static JsonNode readTree(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** A streaming parser over {@code json}. */
  public static JsonParser parser(byte[] json) throws IOException {
    return MAPPER.getFactory().createParser(json);
  }

  /** A streaming UTF-8 generator writing to {@code out}. */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    return MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
  }

  /** Writes {@code value} as Jackson's own serializer does (numbers, strings, trees). */
  public static void write(JsonGenerator g, Object value) throws IOException {
    MAPPER.writeValue(g, value);
  }

  /** A JSON object as plain Java values (maps, lists, strings, numbers, booleans, nulls). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(JsonNode object) {
    return MAPPER.convertValue(object, Map.class);
  }
}
