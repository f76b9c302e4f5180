package dev.ares.core.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

  /**
   * Strict for every reader: a key given twice, content after the value and {@code NaN} or {@code
   * Infinity} literals are refused by Jackson itself; {@link StrictJson} adds numbers that overflow
   * a double, and names each problem by path.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  /**
   * The strict reader for {@link StrictJson}, which checks for content after the value itself so
   * that its message can say which side of the value was broken.
   */
  static final ObjectReader STRICT_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** A new, empty JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * A streaming parser over {@code json} that refuses a key given twice and {@code NaN}; the caller
   * checks for content after the value and for numbers that overflow a double. Trees are read with
   * {@link StrictJson}.
   */
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
