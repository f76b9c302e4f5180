package dev.ares.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * Keeps Apache HttpClient's {@code headers} and {@code wire} loggers off in the examples, which own
 * their logging binding (slf4j-simple). Those two loggers print every request as sent: the API key
 * and JWT headers, the Commerce {@code Authorization} header and the IMS form body with the client
 * secret. Raising the default level ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=trace}, or the
 * same key in a {@code simplelogger.properties}) leaves them off; naming one of them ({@code
 * org.slf4j.simpleLogger.log.org.apache.hc.client5.http.wire=debug} as a system property or in that
 * file) turns it on, as the user asked.
 */
final class SecretLoggers {

  /** The HttpClient loggers that print request headers and bodies. */
  static final List<String> NAMES =
      List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");

  /** slf4j-simple's per-logger level key, followed by the logger name. */
  static final String LEVEL_KEY_PREFIX = "org.slf4j.simpleLogger.log.";

  /** The file slf4j-simple reads from the class path. */
  static final String CONFIG_FILE = "simplelogger.properties";

  private SecretLoggers() {}

  /**
   * Sets each of {@link #NAMES} to {@code off} unless a system property or the class path's {@code
   * simplelogger.properties} names it. Call it before the first logger is created: slf4j-simple
   * reads its configuration once, on the first logger.
   */
  static void keepOffUnlessNamed() {
    Properties file = configFile();
    for (String name : NAMES) {
      String key = LEVEL_KEY_PREFIX + name;
      if (System.getProperty(key) == null && file.getProperty(key) == null) {
        System.setProperty(key, "off");
      }
    }
  }

  /** The {@code simplelogger.properties} that slf4j-simple will read, found the way it finds it. */
  private static Properties configFile() {
    Properties properties = new Properties();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in =
        loader != null
            ? loader.getResourceAsStream(CONFIG_FILE)
            : ClassLoader.getSystemResourceAsStream(CONFIG_FILE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException | IllegalArgumentException e) {
      // An unreadable file names nothing, so the two loggers stay off.
    }
    return properties;
  }
}
