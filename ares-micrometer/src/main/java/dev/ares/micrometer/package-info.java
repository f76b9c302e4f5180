/**
 * Micrometer metrics of the SDK's HTTP calls: {@link dev.ares.micrometer.MicrometerEventListener},
 * an {@link dev.ares.core.HttpEventListener} for any client's {@code eventListener(...)}; and of a
 * hosted matcher's requests: {@link dev.ares.micrometer.MicrometerMatcherServerListener}, a {@code
 * MatcherServerListener} for {@code MatcherServer.builder(...).eventListener(...)}.
 */
package dev.ares.micrometer;
