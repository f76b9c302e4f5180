package dev.ares.examples;

import dev.ares.matching.BulkProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A one-line progress bar on a terminal, redrawn in place with {@code \r}: done of total, rate and
 * ETA, and the failures so far. Called on one thread (the bulk run's consumer).
 */
final class TerminalProgress implements Consumer<BulkProgress> {

  private static final int WIDTH = 24;

  private final PrintStream to;
  private final long total;
  private int drawn;

  /**
   * @param total the number of items, or -1 when unknown (no bar, no ETA)
   */
  TerminalProgress(PrintStream to, long total) {
    this.to = to;
    this.total = total;
  }

  @Override
  public void accept(BulkProgress progress) {
    String line = line(progress, total);
    // Pad over the end of a longer line drawn before.
    to.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    to.flush();
    drawn = line.length();
  }

  /** Wipes the bar, so the next text starts on a clean line. */
  void clear() {
    if (drawn > 0) {
      to.print("\r" + " ".repeat(drawn) + "\r");
      to.flush();
      drawn = 0;
    }
  }

  /** The bar's text, such as {@code [##########..............] 45% 450/1000 45.0/s ETA 0:12}. */
  static String line(BulkProgress progress, long total) {
    StringBuilder line = new StringBuilder();
    double rate = progress.perSecond();
    if (total > 0) {
      long done = Math.min(progress.done(), total);
      int filled = (int) (WIDTH * done / total);
      line.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(WIDTH - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", 100 * done / total))
          .append(done)
          .append('/')
          .append(total);
    } else {
      line.append(progress.done()).append(" assets");
    }
    line.append(String.format(Locale.ROOT, "  %.1f/s", rate));
    if (total > 0) {
      line.append("  ETA ")
          .append(rate > 0 ? clock((long) Math.ceil((total - progress.done()) / rate)) : "-");
    }
    if (progress.failed() > 0) {
      line.append("  ").append(progress.failed()).append(" failed");
    }
    return line.toString();
  }

  private static String clock(long seconds) {
    long s = Math.max(0, seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
