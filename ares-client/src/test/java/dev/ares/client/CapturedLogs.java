package dev.ares.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the SDK while open, formatted, for leak scans: the SDK's loggers at
 * TRACE and HttpClient's at INFO (its header and wire loggers stay off), whatever the test logging
 * configuration says; the levels are put back on close.
 */
final class CapturedLogs implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger sdk = (Logger) LoggerFactory.getLogger("dev.ares");
  private final Logger httpClient = (Logger) LoggerFactory.getLogger("org.apache.hc");
  private final Level sdkBefore = sdk.getLevel();
  private final Level httpClientBefore = httpClient.getLevel();

  CapturedLogs() {
    sdk.setLevel(Level.TRACE);
    httpClient.setLevel(Level.INFO);
    appender.start();
    root.addAppender(appender);
  }

  /** Each event as level, message and any exception text. */
  List<String> lines() {
    return appender.list.stream()
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : " " + e.getThrowableProxy().getMessage()))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    sdk.setLevel(sdkBefore);
    httpClient.setLevel(httpClientBefore);
  }
}
