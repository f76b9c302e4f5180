/**
 * Local stand-ins for tests and demos: a fake Adobe IMS token endpoint and a loopback server that
 * hosts any {@link dev.ares.matching.AssetMatcher} as an external matcher beside it.
 */
package dev.ares.matching.testing;
