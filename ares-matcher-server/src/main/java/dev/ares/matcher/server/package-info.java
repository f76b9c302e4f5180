/**
 * Hosting an {@link dev.ares.matching.AssetMatcher} over HTTP in the external matcher's wire form,
 * so a team can serve its Java matcher where ARES expects App Builder actions: {@link
 * dev.ares.matcher.server.AssetMatcherHttpHandler} says what is answered and who may call (an
 * {@link dev.ares.matcher.server.ImsAccessTokenValidator}, or anonymous callers for local tests
 * only), {@link dev.ares.matcher.server.MatcherServer} serves it on HttpCore 5's non-blocking
 * reactor, with time and size limits that keep slow clients from stalling it.
 */
package dev.ares.matcher.server;
