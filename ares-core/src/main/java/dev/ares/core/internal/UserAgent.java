package dev.ares.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} of every SDK request: the SDK and Java versions, so the service side can
 * tell clients apart.
 *
 * <p>Internal: not part of the public API.
 */
public final class UserAgent {

  /** The SDK version from the build, or {@code unknown}. */
  public static final String SDK_VERSION = readVersion();

  /** For example {@code ares-java-sdk/0.1.0 Java/17.0.15}. */
  public static final String VALUE =
      "ares-java-sdk/" + SDK_VERSION + " Java/" + System.getProperty("java.version", "unknown");

  private UserAgent() {}

  private static String readVersion() {
    try (InputStream in = UserAgent.class.getResourceAsStream("sdk.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
