/**
 * Fakes of ARES for tests: {@link dev.ares.client.testing.InMemoryAresClient} in place of the
 * client, and {@link dev.ares.client.testing.FakeAresServer} on loopback to exercise the real HTTP
 * path. Both apply the same validation and registration rules.
 */
package dev.ares.client.testing;
