package dev.ares.matching;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matching.internal.BoundedLineReader;
import dev.ares.matching.internal.WireJson;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads assets as JSON, {@code {"assetId": "urn:aaid:aem:…", "metadata": {…}}}, alone or one per
 * line (JSON Lines).
 *
 * <p>Each asset is exactly one JSON value: a key given twice (at any depth), anything after the
 * value and a number beyond the range of a double (such as {@code 1e999999}) are refused, naming
 * the path and never the value.
 */
public final class AssetJson {

  /**
   * The longest line {@link #lines(Reader, String)} reads, in characters, line break not counted: 1
   * MiB ({@value}). A longer line is refused without being held in memory.
   */
  public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

  private AssetJson() {}

  /**
   * Reads one asset.
   *
   * @throws AresValidationException naming the bad field
   */
  public static Asset read(String json) {
    return WireJson.readAsset(WireJson.parse(json, "asset"), "asset");
  }

  /**
   * The assets of a JSON Lines text, lines of at most {@link #DEFAULT_MAX_LINE_CHARS} characters;
   * see {@link #lines(Reader, String, int)}.
   */
  public static Stream<Asset> lines(Reader reader, String source) {
    return lines(reader, source, DEFAULT_MAX_LINE_CHARS);
  }

  /**
   * The assets of a JSON Lines text, read lazily one line at a time so that any number of assets
   * fits in memory; blank lines are skipped, and a line ends at {@code \n}, {@code \r} or {@code
   * \r\n}. Close the stream to close the reader.
   *
   * @param source names the input in errors, such as the file name
   * @param maxLineChars the longest line accepted, in characters, line break not counted; a longer
   *     line is refused once a few kilobytes past the limit have been read, never held
   * @throws AresValidationException when {@code maxLineChars} is less than 1
   * @throws AresValidationException while streaming, naming {@code source:line} and the field, as
   *     in {@code assets.jsonl:4: asset.assetId is required} or {@code assets.jsonl:9: asset is
   *     longer than 1048576 characters, the line limit}
   * @throws UncheckedIOException while streaming, when the reader fails
   */
  public static Stream<Asset> lines(Reader reader, String source, int maxLineChars) {
    if (maxLineChars < 1) {
      throw new AresValidationException(
          List.of(FieldViolation.of("maxLineChars", "must be at least 1")));
    }
    BoundedLineReader lines = new BoundedLineReader(reader, maxLineChars);
    Iterator<Asset> iterator =
        new Iterator<>() {
          private int lineNumber;
          private Asset next;
          private AresValidationException tooLong;

          @Override
          public boolean hasNext() {
            while (next == null) {
              if (tooLong != null) {
                throw tooLong;
              }
              String line;
              try {
                line = lines.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException("could not read " + source, e);
              }
              lineNumber++;
              String where = source + ":" + lineNumber + ": asset";
              if (lines.tooLong()) {
                tooLong =
                    WireJson.invalid(
                        where, "is longer than " + maxLineChars + " characters, the line limit");
                throw tooLong;
              }
              if (line == null) {
                return false;
              }
              if (!line.isBlank()) {
                next = WireJson.readAsset(WireJson.parse(line, where), where);
              }
            }
            return true;
          }

          @Override
          public Asset next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Asset asset = next;
            next = null;
            return asset;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              try {
                lines.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
