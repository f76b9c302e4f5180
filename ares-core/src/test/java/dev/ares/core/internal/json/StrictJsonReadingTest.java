package dev.ares.core.internal.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ares.core.AresValidationException;
import org.junit.jupiter.api.Test;

/**
 * The one strict JSON reading: from text, from bytes, or one value inside a caller's parser. A
 * number beyond a double's range is refused wherever it stands, with its path; a caller's own
 * parser keeps its own duplicate-key setting for what it reads afterwards.
 */
class StrictJsonReadingTest {

  private static final ObjectMapper LENIENT = new ObjectMapper();

  private static String refusal(Runnable read) {
    return assertThrows(AresValidationException.class, read::run).getMessage();
  }

  @Test
  void bytesAreReadLikeText() {
    JsonNode node = StrictJson.read("{\"a\": [1, \"x\"]}".getBytes(UTF_8), "doc");
    assertEquals(
        LENIENT.createObjectNode().set("a", LENIENT.createArrayNode().add(1).add("x")), node);
    assertTrue(StrictJson.read((byte[]) null, "doc").isMissingNode());
    assertTrue(StrictJson.read(new byte[0], "doc").isMissingNode());
    assertTrue(
        refusal(() -> StrictJson.read("{\"a\":1,\"a\":2}".getBytes(UTF_8), "doc"))
            .startsWith("doc.a is given twice"));
  }

  @Test
  void bytesThatAreNoTextAtAllAreRefusedAsInvalidJson() {
    // Four bytes starting 00 00 00 are read as UTF-32; 0x7fffffff is no character.
    byte[] notUtf32 = {0, 0, 0, '[', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, ']'};
    assertEquals("doc is not valid JSON", refusal(() -> StrictJson.read(notUtf32, "doc")));
  }

  @Test
  void noValueIsAMissingNode() {
    assertTrue(StrictJson.read("", "doc").isMissingNode());
    assertTrue(StrictJson.read("  \n ", "doc").isMissingNode());
    assertTrue(StrictJson.read((String) null, "doc").isMissingNode());
  }

  @Test
  void aNumberOutOfRangeInsideAnArrayIsNamedByItsIndex() {
    assertEquals(
        "doc.a[1] is a number out of range",
        refusal(() -> StrictJson.read("{\"a\": [1, 2e999]}", "doc")));
    assertEquals(
        "doc[1][2] is a number out of range",
        refusal(() -> StrictJson.read("[[0], [1, 2, -1e400]]", "doc")));
    assertEquals(
        "doc.b[0].c is a number out of range",
        refusal(
            () -> StrictJson.read("{\"a\": [], \"b\": [{\"c\": 1e309}]}".getBytes(UTF_8), "doc")));
    assertEquals(3, StrictJson.read("[1, 2.5, 1e308]", "doc").size());
  }

  @Test
  void aValueReadInsideACallersParserIsCheckedForRange() throws Exception {
    try (JsonParser p = LENIENT.createParser("{\"v\": {\"n\": [0, 1e999]}}")) {
      p.nextToken();
      p.nextToken();
      p.nextToken();
      assertEquals(
          "v.n[1] is a number out of range",
          refusal(
              () -> {
                try {
                  StrictJson.readValue(p, "v");
                } catch (java.io.IOException e) {
                  throw new AssertionError(e);
                }
              }));
    }
  }

  @Test
  void theCallersParserKeepsItsOwnDuplicateSettingForTheRestOfItsObject() throws Exception {
    String json = "{\"value\": {\"a\": 1}, \"x\": 1, \"x\": 2}";
    ObjectMapper strict =
        JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    try (JsonParser p = strict.createParser(json)) {
      assertEquals(1, readValueThenSkipTo("x", p).get("a").asInt());
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      JsonParseException twice =
          assertThrows(
              JsonParseException.class, p::nextToken, "a strict caller still refuses x twice");
      assertEquals("Duplicate field 'x'", twice.getOriginalMessage());
    }
    try (JsonParser p = LENIENT.createParser(json)) {
      assertEquals(1, readValueThenSkipTo("x", p).get("a").asInt());
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      assertEquals(JsonToken.FIELD_NAME, p.nextToken(), "a lenient caller still accepts x twice");
      assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
      assertEquals(2, p.getIntValue());
    }
  }

  private static JsonNode readValueThenSkipTo(String field, JsonParser p) throws Exception {
    assertEquals(JsonToken.START_OBJECT, p.nextToken());
    assertEquals(JsonToken.FIELD_NAME, p.nextToken());
    assertEquals(JsonToken.START_OBJECT, p.nextToken());
    JsonNode value = StrictJson.readValue(p, "value");
    assertEquals(JsonToken.FIELD_NAME, p.nextToken());
    assertEquals(field, p.currentName());
    return value;
  }
}
