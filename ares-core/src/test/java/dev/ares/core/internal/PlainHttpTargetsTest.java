package dev.ares.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Credentials go over plain http only to an address known to be loopback; anything else is refused.
 */
class PlainHttpTargetsTest {

  @Test
  void plainHttpWithoutAHostIsNotSafe() {
    assertFalse(Urls.isSecureOrLoopback(URI.create("http:/graphql")));
    assertFalse(Urls.isSecureOrLoopback(URI.create("file:///etc/hosts")));
  }

  @Test
  void aLoopbackLiteralWithAnInterfaceTheMachineLacksIsNotSafe() {
    // The JDK cannot resolve the scope, so nothing shows the address is loopback.
    assertFalse(Urls.isSecureOrLoopback(URI.create("http://[::1%25nosuchif0]/graphql")));
    assertFalse(Urls.isSecureOrLoopback(URI.create("http://[::1%nosuchif0]/graphql")));
    assertTrue(Urls.isSecureOrLoopback(URI.create("http://[::1]/graphql")));
  }
}
