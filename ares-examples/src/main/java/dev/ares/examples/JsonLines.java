package dev.ares.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where each field of a JSON text starts, by line, to point error messages at the right line. */
final class JsonLines {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private JsonLines() {}

  /**
   * The line of every value by JSON pointer ({@code ""} for the root, {@code /commerce/baseUrl});
   * as much as could be read when the text is not valid JSON.
   */
  static Map<String, Integer> of(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (t != JsonToken.FIELD_NAME && parser.getParsingContext().inObject()) {
          continue; // the value of a field: its field name already gave the line
        }
        lines.putIfAbsent(pointer, parser.getTokenLocation().getLineNr());
      }
    } catch (IOException e) {
      // Invalid JSON: the lines read so far are all there is; the syntax error names its own line.
    }
    return lines;
  }

  /**
   * The line of a field path such as {@code tenantInput.rules[0].type}, with or without the leading
   * {@code tenantInput} (files may be bare or wrapped), or of its nearest ancestor that is in the
   * file; 1 when none is.
   */
  static int lineOf(Map<String, Integer> lines, String path) {
    Integer root = lines.get("");
    int bestDepth = -1;
    int bestLine = root == null ? 1 : root;
    String bare = path.startsWith("tenantInput.") ? path.substring("tenantInput.".length()) : path;
    for (String candidate : new String[] {path, bare}) {
      StringBuilder pointer = new StringBuilder();
      Matcher m = SEGMENT.matcher(candidate);
      for (int depth = 0; m.find(); depth++) {
        String segment = m.group(1) != null ? m.group(1) : m.group(2);
        pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        Integer line = lines.get(pointer.toString());
        if (line == null) {
          break;
        }
        if (depth > bestDepth) {
          bestDepth = depth;
          bestLine = line;
        }
      }
    }
    return bestLine;
  }
}
