/**
 * Serving an {@link dev.ares.matching.AssetMatcher} over HTTP in the external matcher's wire form,
 * with the JDK's {@code com.sun.net.httpserver}: so a team can host its Java matcher where ARES
 * expects App Builder actions.
 */
package dev.ares.matching.server;
