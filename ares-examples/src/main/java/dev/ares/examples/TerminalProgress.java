package dev.ares.examples;

import dev.ares.matching.BulkProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal, redrawn in place with {@code \r}: done of total, rate and
 * ETA, and the failures so far. Stdout may share the terminal, so every result line goes through
 * {@link #println(PrintStream, String)}: the bar is wiped first and redrawn after, at most once per
 * redraw interval. Called on one thread (the bulk run's consumer).
 */
final class TerminalProgress implements Consumer<BulkProgress> {

  private static final int WIDTH = 24;

  private final PrintStream to;
  private final long total;
  private final long redrawNanos;
  private final LongSupplier nanoTime;
  private BulkProgress last;
  private long lastDrawNanos;
  private int drawn;

  /**
   * @param to stderr
   * @param total the number of items, or -1 when unknown (no bar, no ETA)
   * @param redraw the least time between two redraws after result lines
   */
  TerminalProgress(PrintStream to, long total, Duration redraw) {
    this(to, total, redraw, System::nanoTime);
  }

  TerminalProgress(PrintStream to, long total, Duration redraw, LongSupplier nanoTime) {
    this.to = to;
    this.total = total;
    this.redrawNanos = redraw.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Whether stderr is a terminal, as far as Java 17 can tell: on Linux, where {@code
   * /proc/self/fd/2} leads (a {@code /dev/pts/} or {@code /dev/tty} device); elsewhere {@code
   * System.console()}, which asks about stdin and stdout instead. {@code --progress} and {@code
   * --no-progress} override it.
   */
  static boolean stderrIsATerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null; // no /proc: the closest guess there is
    }
  }

  @Override
  public void accept(BulkProgress progress) {
    last = progress;
    draw();
  }

  /**
   * Prints one line on {@code out} with the bar out of its way: wiped before (stdout and stderr may
   * be one terminal), redrawn after when the redraw interval has passed since it was last drawn.
   */
  void println(PrintStream out, String line) {
    clear();
    out.println(line);
    out.flush();
    if (last != null && nanoTime.getAsLong() - lastDrawNanos >= redrawNanos) {
      draw();
    }
  }

  private void draw() {
    String line = line(last, total);
    // Pad over the end of a longer line drawn before.
    to.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    to.flush();
    drawn = line.length();
    lastDrawNanos = nanoTime.getAsLong();
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
