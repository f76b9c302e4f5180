package dev.ares.core.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link HttpEventListener} that writes each event as a short line ({@code "response 1 200
 * null"}, {@code "callEnd SUCCESS 200 - 1"}) and keeps every value it was given, for tests that
 * check the order of events and that no secret reaches a listener.
 */
public final class RecordingListener implements HttpEventListener {

  /** Each event as a line, in order. */
  public final List<String> lines = new CopyOnWriteArrayList<>();

  /** Every call info heard, once per event. */
  public final List<HttpCallInfo> calls = new CopyOnWriteArrayList<>();

  /** Every summary heard. */
  public final List<HttpCallSummary> summaries = new CopyOnWriteArrayList<>();

  /** Every duration heard, of attempts and of calls. */
  public final List<Duration> durations = new CopyOnWriteArrayList<>();

  /** The delay of every retry scheduled. */
  public final List<Duration> retryDelays = new CopyOnWriteArrayList<>();

  @Override
  public void callStart(HttpCallInfo call) {
    calls.add(call);
    lines.add("callStart");
  }

  @Override
  public void attemptStart(HttpCallInfo call, int attempt) {
    calls.add(call);
    lines.add("attemptStart " + attempt);
  }

  @Override
  public void attemptFailed(
      HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
    assertFalse(elapsed.isNegative(), "negative attempt time");
    calls.add(call);
    durations.add(elapsed);
    lines.add("attemptFailed " + attempt + " " + failure);
  }

  @Override
  public void responseReceived(
      HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
    assertFalse(elapsed.isNegative(), "negative attempt time");
    calls.add(call);
    durations.add(elapsed);
    lines.add("response " + attempt + " " + status + " " + requestId);
  }

  @Override
  public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
    calls.add(call);
    retryDelays.add(delay);
    lines.add("retryScheduled " + attempt);
  }

  @Override
  public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
    calls.add(call);
    summaries.add(summary);
    durations.add(summary.duration());
    lines.add(
        "callEnd "
            + summary.outcome()
            + " "
            + (summary.status().isPresent() ? summary.status().getAsInt() : "-")
            + " "
            + summary.failure().map(Enum::name).orElse("-")
            + " "
            + summary.attempts());
  }

  /** The last line. */
  public String last() {
    return lines.get(lines.size() - 1);
  }

  /** The lines of the events whose line starts with {@code prefix}. */
  public List<String> linesStartingWith(String prefix) {
    List<String> matching = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        matching.add(line);
      }
    }
    return matching;
  }

  /** Everything heard, as text: to search for what must never be there. */
  @Override
  public String toString() {
    return lines + " " + calls + " " + summaries;
  }
}
