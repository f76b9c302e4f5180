/**
 * Matching AEM assets to Commerce products, as ARES does: the {@link
 * dev.ares.matching.AssetMatcher} SPI with its two directions, the built-in {@link
 * dev.ares.matching.MatchBySku} rule with its {@link dev.ares.matching.AssetIndex}, the {@link
 * dev.ares.matching.IndexingMatcher} that answers the product direction of any matcher from the
 * asset answers it gave, catalog {@link dev.ares.matching.CatalogCoverage} and the HTTP {@link
 * dev.ares.matching.ExternalMatcher} that calls App Builder actions.
 *
 * <p>Results mirror the external matcher's wire form, which {@link dev.ares.matching.MatchJson}
 * reads and writes. All public types are immutable and thread-safe, except {@link
 * dev.ares.matching.AssetIndex} and {@link dev.ares.matching.IndexingMatcher}, which are
 * thread-safe and change as assets change.
 */
@AresStyle
package dev.ares.matching;

import dev.ares.core.internal.AresStyle;
