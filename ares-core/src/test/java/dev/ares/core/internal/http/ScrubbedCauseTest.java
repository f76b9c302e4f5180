package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.internal.ServerText;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * A cause chain from the HTTP library, which may quote what a server sent, is handed to users
 * cleaned: secrets masked and control characters escaped in every message, the original class
 * named, the stack trace kept, a TLS failure still an {@link SSLException}; a clean chain is kept
 * as it is, with its own types; a chain too deep or cyclic is cut.
 */
class ScrubbedCauseTest {

  private static final String SECRET = "s3cr3t-token-value";
  private static final ServerText TEXT = ServerText.masking(List.of(SECRET));

  private static int depth(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 100; c = c.getCause()) {
      depth++;
    }
    return depth;
  }

  @Test
  void aCleanExceptionIsKeptWithItsOwnType() {
    SocketTimeoutException e = new SocketTimeoutException("Read timed out");
    assertSame(e, ScrubbedCause.of(e, TEXT));
  }

  @Test
  void aCleanChainIsKeptAsItIs() {
    IOException e = new IOException("outer", new SocketException("Connection reset"));
    assertSame(e, ScrubbedCause.of(e, TEXT));
  }

  @Test
  void anExceptionWithoutAMessageIsClean() {
    SocketException e = new SocketException();
    assertSame(e, ScrubbedCause.of(e, TEXT));
  }

  @Test
  void aMessageQuotingASecretAndAnEscapeIsCleanedAndNamesTheOriginalClass() {
    SocketException e = new SocketException("Invalid header: token=" + SECRET + "\u001b[2J");
    Throwable clean = ScrubbedCause.of(e, TEXT);
    assertTrue(clean instanceof ScrubbedCause, "copied as " + clean.getClass());
    String expected = "Invalid header: token=" + ServerText.MASK + "\\u001b[2J";
    assertEquals(expected, clean.getMessage());
    assertEquals("java.net.SocketException", ((ScrubbedCause) clean).originalClass());
    assertEquals("java.net.SocketException: " + expected, clean.toString());
    assertArrayEquals(e.getStackTrace(), clean.getStackTrace());
  }

  @Test
  void aDirtyCauseIsCleanedUnderAnOuterExceptionWithoutMessage() {
    IOException e = new IOException(new IOException("echo " + SECRET));
    Throwable clean = ScrubbedCause.of(e, TEXT);
    // IOException(cause) takes the cause's toString as its message: cleaned too.
    assertFalse(clean.getMessage().contains(SECRET), clean.getMessage());
    assertEquals("echo " + ServerText.MASK, clean.getCause().getMessage());
    assertEquals("java.io.IOException: echo " + ServerText.MASK, clean.getCause().toString());
    assertNull(clean.getCause().getCause());
  }

  @Test
  void anExceptionWithoutMessageIsNamedByItsClass() {
    SocketException outer = new SocketException();
    outer.initCause(new IOException("echo " + SECRET));
    Throwable clean = ScrubbedCause.of(outer, TEXT);
    assertNull(clean.getMessage());
    assertEquals("java.net.SocketException", clean.toString());
    assertEquals("echo " + ServerText.MASK, clean.getCause().getMessage());
  }

  @Test
  void aTlsFailureStaysAnSslException() {
    SSLHandshakeException e = new SSLHandshakeException("bad certificate for " + SECRET);
    Throwable clean = ScrubbedCause.of(e, TEXT);
    assertTrue(clean instanceof SSLException, "copied as " + clean.getClass());
    assertEquals("bad certificate for " + ServerText.MASK, clean.getMessage());
    assertArrayEquals(e.getStackTrace(), clean.getStackTrace());
  }

  @Test
  void aCleanChainDeeperThanEightIsCutAtEight() {
    Throwable chain = new IOException("clean 9");
    for (int i = 8; i >= 1; i--) {
      chain = new IOException("clean " + i, chain);
    }
    assertEquals(9, depth(chain));
    Throwable cut = ScrubbedCause.of(chain, TEXT);
    assertEquals(8, depth(cut));
    assertEquals("clean 1", cut.getMessage());
    assertEquals(
        "clean 8",
        cut.getCause()
            .getCause()
            .getCause()
            .getCause()
            .getCause()
            .getCause()
            .getCause()
            .getMessage());
  }

  @Test
  void aCleanChainOfEightIsKept() {
    Throwable chain = new IOException("clean 8");
    for (int i = 7; i >= 1; i--) {
      chain = new IOException("clean " + i, chain);
    }
    assertSame(chain, ScrubbedCause.of(chain, TEXT));
  }

  @Test
  void aDirtyChainDeeperThanEightIsCleanedAndCutAtEight() {
    Throwable chain = new IOException("dirty " + SECRET);
    for (int i = 0; i < 11; i++) {
      chain = new IOException("dirty " + i + " " + SECRET, chain);
    }
    Throwable cut = ScrubbedCause.of(chain, TEXT);
    assertEquals(8, depth(cut));
    for (Throwable c = cut; c != null; c = c.getCause()) {
      assertFalse(c.getMessage().contains(SECRET), c.getMessage());
    }
  }

  @Test
  void aCyclicChainIsCut() {
    IOException a = new IOException("a " + SECRET);
    IOException b = new IOException("b", a);
    a.initCause(b); // a hostile or buggy cycle: a -> b -> a
    Throwable cut = ScrubbedCause.of(a, TEXT);
    assertEquals(8, depth(cut));
    assertEquals("a " + ServerText.MASK, cut.getMessage());
    assertEquals("b", cut.getCause().getMessage());
  }
}
