/**
 * Test helpers for code that calls Adobe Commerce: {@link
 * dev.ares.commerce.oauth.testing.FakeCommerceServer}, a loopback Commerce REST fake that checks
 * every OAuth signature. Not for production use.
 */
package dev.ares.commerce.oauth.testing;
