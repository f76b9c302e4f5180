package dev.ares.matcher.server;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link MatcherServerListener} that keeps every event, for tests to take in order. */
final class RecordingServerListener implements MatcherServerListener {

  final BlockingQueue<ServedRequest> requests = new LinkedBlockingQueue<>();
  final BlockingQueue<ConnectionRefusal> refusals = new LinkedBlockingQueue<>();

  @Override
  public void requestEnd(ServedRequest request) {
    requests.add(request);
  }

  @Override
  public void connectionRefused(ConnectionRefusal reason) {
    refusals.add(reason);
  }

  /** The next request event, waiting at most 5 s for it. */
  ServedRequest nextRequest() throws InterruptedException {
    ServedRequest r = requests.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request event within 5 s");
    }
    return r;
  }

  /** The next refusal, waiting at most 5 s for it. */
  ConnectionRefusal nextRefusal() throws InterruptedException {
    ConnectionRefusal r = refusals.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no refusal event within 5 s");
    }
    return r;
  }
}
