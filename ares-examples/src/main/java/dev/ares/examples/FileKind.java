package dev.ares.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What a file given on the command line holds, told from its first bytes, so that a file in the
 * wrong place (a tenant file where assets are expected) is named as such instead of failing as "not
 * valid JSON".
 */
enum FileKind {
  /** A tenant file: one JSON object, bare or as {@code {"tenantInput": {...}}}. */
  TENANT("a tenant file (tenant.json)"),
  /** Assets: JSON Lines, one {@code {"assetId": ..., "metadata": {...}}} a line. */
  ASSETS("an assets file (assets.jsonl, one asset a line)"),
  /** Plain text, such as a catalog of SKUs, one a line. */
  TEXT("a text file (catalog-skus.txt, one SKU a line)"),
  /** Anything else (empty, or JSON of no known shape): the reader of the file reports it. */
  UNKNOWN("a file of unknown kind");

  /** How much of a file is looked at: enough for the first fields of a huge line. */
  static final int PEEK_CHARS = 64 * 1024;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Set<String> TENANT_FIELDS =
      Set.of(
          "tenantInput",
          "projectId",
          "aem",
          "commerce",
          "ruleType",
          "rule",
          "matchBySkuRule",
          "externalMatcher");

  private final String description;

  FileKind(String description) {
    this.description = description;
  }

  /**
   * Refuses a file that plainly holds another kind than {@code expected}, naming both. A file that
   * cannot be read, or whose kind is not clear, passes: its reader says what is wrong with it.
   *
   * @param file the file as given, or {@code null} for a bundled sample (always passes)
   * @param usage the command's usage, appended to the message
   * @throws BadInputException such as {@code tenant.json is a tenant file (tenant.json), where an
   *     assets file (assets.jsonl, one asset a line) is expected; usage: ...}
   */
  static void check(String file, FileKind expected, String usage) {
    if (file == null) {
      return;
    }
    FileKind actual = of(Path.of(file));
    if (actual != UNKNOWN && actual != expected) {
      throw new BadInputException(
          TenantFiles.oneLine(
              file
                  + " is "
                  + actual.description
                  + ", where "
                  + expected.description
                  + " is expected; usage: "
                  + usage));
    }
  }

  /**
   * The kind of this file, from its first {@link #PEEK_CHARS} characters. Only a regular file is
   * looked at: a pipe ({@code <(zcat assets.jsonl.gz)}) would lose what was peeked, or block.
   */
  static FileKind of(Path file) {
    if (!Files.isRegularFile(file)) {
      return UNKNOWN;
    }
    String head;
    try (Reader reader =
        new java.io.InputStreamReader(
            Files.newInputStream(file),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
      CharBuffer buffer = CharBuffer.allocate(PEEK_CHARS);
      while (buffer.hasRemaining() && reader.read(buffer) >= 0) {
        // fill the peek window, or stop at the end of a short file
      }
      buffer.flip();
      head = buffer.toString();
    } catch (IOException | RuntimeException e) {
      return UNKNOWN; // a missing or unreadable file: its reader names the problem
    }
    return ofText(head);
  }

  /** The kind of a file that starts with this text. */
  static FileKind ofText(String head) {
    String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
    String start = text.stripLeading();
    if (start.isEmpty()) {
      return UNKNOWN;
    }
    if (start.charAt(0) != '{') {
      return start.charAt(0) == '[' || start.charAt(0) == '"' ? UNKNOWN : TEXT;
    }
    Set<String> fields = topLevelFields(start);
    if (fields.contains("assetId")) {
      return ASSETS;
    }
    return fields.stream().anyMatch(TENANT_FIELDS::contains) ? TENANT : UNKNOWN;
  }

  /** The field names of the first JSON object, as far as the text goes. */
  private static Set<String> topLevelFields(String text) {
    Set<String> fields = new HashSet<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken(); // START_OBJECT
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        fields.add(parser.currentName());
        parser.nextToken();
        parser.skipChildren();
      }
    } catch (IOException e) {
      // Cut off by the peek window or not JSON: the fields read so far are all there is.
    }
    return fields;
  }
}
