package dev.ares.matching;

import dev.ares.client.AresValidationException;
import dev.ares.matching.internal.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads assets as JSON, {@code {"assetId": "urn:aaid:aem:…", "metadata": {…}}}, alone or one per
 * line (JSON Lines).
 */
public final class AssetJson {

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
   * The assets of a JSON Lines text, read lazily one line at a time so that any number of assets
   * fits in memory; blank lines are skipped. Close the stream to close the reader.
   *
   * @param source names the input in errors, such as the file name
   * @throws AresValidationException while streaming, naming {@code source:line} and the field, as in {@code
   *     assets.jsonl:4: asset.assetId is required}
   */
  public static Stream<Asset> lines(Reader reader, String source) {
    BufferedReader buffered = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
    Iterator<Asset> iterator = new Iterator<>() {
      private int lineNumber;
      private Asset next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          String line;
          try {
            line = buffered.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source, e);
          }
          if (line == null) {
            return false;
          }
          lineNumber++;
          if (!line.isBlank()) {
            String where = source + ":" + lineNumber + ": asset";
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
            Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(() -> {
          try {
            buffered.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
