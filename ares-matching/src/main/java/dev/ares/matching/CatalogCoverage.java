package dev.ares.matching;

import dev.ares.core.internal.CompactSkuSet;
import dev.ares.matching.internal.BoundedLineReader;
import dev.ares.matching.internal.WireJson;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Measures how much of a Commerce catalog a rule covers, over streams.
 *
 * <p>Memory is bounded by the catalog, not by the assets: the catalog SKUs are kept once, packed
 * (about SKU length + 12 bytes each, so ~35 MB for a million 20-character SKUs), with one bit per
 * SKU for "has an asset"; assets are streamed and forgotten, and only fixed-size samples of ids are
 * kept. Time is one {@code matchAsset} call per asset.
 *
 * <pre>{@code
 * try (Stream<Asset> assets = AssetJson.lines(reader, "assets.jsonl");
 *     Stream<String> skus = Files.lines(catalog)) {
 *   CoverageReport report = CatalogCoverage.of(matcher).measure(assets, skus);
 * }
 * }</pre>
 */
public final class CatalogCoverage {

  /** The default number of ids kept in each sample of a report. */
  public static final int DEFAULT_SAMPLE_SIZE = 20;

  private final AssetMatcher matcher;
  private final int sampleSize;

  private CatalogCoverage(AssetMatcher matcher, int sampleSize) {
    this.matcher = matcher;
    this.sampleSize = sampleSize;
  }

  /** Coverage of the rule {@code matcher} implements (its asset → product direction). */
  public static CatalogCoverage of(AssetMatcher matcher) {
    return new CatalogCoverage(Objects.requireNonNull(matcher, "matcher"), DEFAULT_SAMPLE_SIZE);
  }

  /** The same measure keeping at most {@code size} ids in each sample. */
  public CatalogCoverage sampleSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("sample size must be 0 or more");
    }
    return new CatalogCoverage(matcher, size);
  }

  /** The longest line {@link #skuLines} accepts: far beyond any SKU (Commerce's are 64). */
  public static final int MAX_SKU_LINE_CHARS = 4096;

  /**
   * The SKUs of a text with one a line, for {@link #measure}: lines of at most {@link
   * #MAX_SKU_LINE_CHARS} characters, read as they are consumed; a longer line is refused once a few
   * kilobytes past the limit have been read, never held in memory. Close the stream to close the
   * reader.
   *
   * @throws dev.ares.core.AresValidationException while streaming, naming {@code source:line}, as
   *     in {@code catalog-skus.txt:3: line is longer than 4096 characters, the line limit}
   * @throws java.io.UncheckedIOException while streaming, when the reader fails
   */
  public static Stream<String> skuLines(Reader reader, String source) {
    BoundedLineReader lines = new BoundedLineReader(reader, MAX_SKU_LINE_CHARS);
    Iterator<String> iterator =
        new Iterator<>() {
          private int lineNumber;
          private String next;
          private boolean ended;

          @Override
          public boolean hasNext() {
            if (next == null && !ended) {
              try {
                next = lines.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException("could not read " + source, e);
              }
              lineNumber++;
              if (lines.tooLong()) {
                throw WireJson.invalid(
                    source + ":" + lineNumber + ": line",
                    "is longer than " + MAX_SKU_LINE_CHARS + " characters, the line limit");
              }
              ended = next == null;
            }
            return next != null;
          }

          @Override
          public String next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            String line = next;
            next = null;
            return line;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
        .onClose(
            () -> {
              try {
                reader.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * Reads the catalog SKUs (trimmed; blank lines and duplicates ignored), then streams the assets
   * once. The caller closes both streams.
   */
  public CoverageReport measure(Stream<Asset> assets, Stream<String> catalogSkus) {
    CompactSkuSet catalog = new CompactSkuSet();
    catalogSkus.map(String::trim).filter(s -> !s.isEmpty()).forEach(catalog::add);
    BitSet matched = new BitSet(catalog.size());
    long scanned = 0;
    long skipped = 0;
    long assetsMatched = 0;
    long outside = 0;
    List<String> outsideAssets = new ArrayList<>();
    Set<String> outsideSkus = new LinkedHashSet<>();
    // MatchBySku's products are the asset's distinct trimmed SKUs: read them in place instead of
    // building a full result per asset (roles, positions, warnings) that is thrown away at once.
    MatchBySku bySku = matcher instanceof MatchBySku m ? m : null;
    for (Iterator<Asset> it = assets.iterator(); it.hasNext(); ) {
      Asset asset = it.next();
      scanned++;
      String assetId = asset.assetId();
      boolean any = false;
      boolean unknown = false;
      if (bySku != null) {
        if (bySku.skipReason(asset.metadata()) != null) {
          skipped++;
          continue;
        }
        // Duplicates need no merging here: each outcome below is the same for a repeated SKU.
        for (Object raw : asset.values(bySku.metadataField())) {
          if (raw instanceof String text) {
            String sku = text.trim();
            if (!sku.isEmpty()) {
              int index = catalog.indexOf(sku);
              if (index >= 0) {
                matched.set(index);
                any = true;
              } else {
                unknown = true;
                if (outsideSkus.size() < sampleSize) {
                  outsideSkus.add(sku);
                }
              }
            }
          }
        }
      } else {
        AssetToProductResult result = matcher.matchAsset(asset);
        if (result.skip()) {
          skipped++;
          continue;
        }
        assetId = result.assetId();
        for (ProductMatch p : result.productMatches()) {
          int index = catalog.indexOf(p.productSku());
          if (index >= 0) {
            matched.set(index);
            any = true;
          } else {
            unknown = true;
            if (outsideSkus.size() < sampleSize) {
              outsideSkus.add(p.productSku());
            }
          }
        }
      }
      if (any) {
        assetsMatched++;
      }
      if (unknown) {
        outside++;
        if (outsideAssets.size() < sampleSize) {
          outsideAssets.add(assetId);
        }
      }
    }
    List<String> withoutAssets = new ArrayList<>();
    for (int i = matched.nextClearBit(0);
        i < catalog.size() && withoutAssets.size() < sampleSize;
        i = matched.nextClearBit(i + 1)) {
      withoutAssets.add(catalog.get(i));
    }
    return CoverageReport.builder()
        .catalogProducts(catalog.size())
        .matchedProducts(matched.cardinality())
        .assetsScanned(scanned)
        .assetsSkipped(skipped)
        .assetsMatched(assetsMatched)
        .assetsWithSkusNotInCatalog(outside)
        .sampleProductsWithoutAssets(withoutAssets)
        .sampleAssetsWithSkusNotInCatalog(outsideAssets)
        .sampleSkusNotInCatalog(outsideSkus)
        .build();
  }
}
