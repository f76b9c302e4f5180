package dev.ares.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe that behaves like {@code <(zcat assets.jsonl.gz)}: its text can be read once; every
 * later reader gets end of input at once. Skips the test where {@code mkfifo} is missing.
 */
final class Fifo implements AutoCloseable {

  private final Path path;
  private final Thread writer;
  private volatile boolean closing;

  private Fifo(Path path, String text) {
    this.path = path;
    this.writer =
        new Thread(
            () -> {
              try {
                try (FileOutputStream out = new FileOutputStream(path.toFile())) {
                  out.write(text.getBytes(StandardCharsets.UTF_8));
                }
                while (!closing) {
                  // A reader after the first: opened and closed at once, so it reads nothing.
                  new FileOutputStream(path.toFile()).close();
                }
              } catch (IOException e) {
                // the test's assertions show what was not read
              }
            },
            "fifo-writer");
    writer.setDaemon(true);
  }

  /** A named pipe in {@code dir} that will hand {@code text} to its first reader. */
  static Fifo of(Path dir, String text) throws Exception {
    Path path = dir.resolve("assets.fifo");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here: " + e.getMessage());
      throw e;
    }
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    Fifo fifo = new Fifo(path, text);
    fifo.writer.start();
    return fifo;
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws Exception {
    closing = true;
    while (writer.isAlive()) {
      // Opening for reading and writing never blocks on Linux, and frees a writer waiting in open.
      new RandomAccessFile(path.toFile(), "rw").close();
      writer.join(100);
    }
  }
}
