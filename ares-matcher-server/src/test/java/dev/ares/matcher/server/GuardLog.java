package dev.ares.matcher.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Catches {@link ConnectionGuard}'s shedding reports while a test sheds connections on purpose, so
 * they stay off the build's output; {@link #lines()} holds them. Register it as a field with
 * {@code @RegisterExtension}.
 */
final class GuardLog implements BeforeEachCallback, AfterEachCallback {

  private final ListAppender<ILoggingEvent> caught = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ConnectionGuard.class);
  private boolean additive;

  @Override
  public void beforeEach(ExtensionContext context) {
    additive = logger.isAdditive();
    caught.start();
    logger.addAppender(caught);
    logger.setAdditive(false);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger.setAdditive(additive);
    logger.detachAppender(caught);
    caught.stop();
  }

  /** The lines caught, formatted. */
  List<String> lines() {
    return caught.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
