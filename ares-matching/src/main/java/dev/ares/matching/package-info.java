/**
 * Matching AEM assets to Commerce products, as ARES does: the {@link
 * dev.ares.matching.AssetMatcher} SPI with its two directions, the built-in {@link
 * dev.ares.matching.MatchBySku} rule with its {@link dev.ares.matching.AssetIndex}, catalog {@link
 * dev.ares.matching.CatalogCoverage} and the HTTP {@link dev.ares.matching.ExternalMatcher} that
 * calls App Builder actions.
 *
 * <p>Results mirror the external matcher's wire form, which {@link dev.ares.matching.MatchJson}
 * reads and writes. All public types are immutable and thread-safe, except {@link
 * dev.ares.matching.AssetIndex}, which is thread-safe and changes as assets change.
 */
@AresStyle
package dev.ares.matching;

import dev.ares.core.internal.AresStyle;
