package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a whole program shows: a matcher constructor that spins forever does not hang {@code
 * serve-matcher} (it names the class and exits 2 when {@code --load-timeout} is up, the spinning
 * thread ended by the exit), and an assets file far larger than the heap is streamed into an index
 * capped by {@code --max-indexed-assets}, the assets left out counted and a warning logged.
 */
class ServeMatcherChildJvmTest {

  @TempDir Path dir;

  @Test
  void aConstructorThatSpinsForeverEndsWithExit2NamingIt() throws Exception {
    Path jar =
        TestJars.oneMatcher(
            dir.resolve("spin.jar"),
            "com.example.Spin",
            "public static volatile boolean spinning = true;\n"
                + "public Spin() { while (spinning) { Thread.onSpinWait(); } }");
    long started = System.nanoTime();
    ChildJvm.Result result =
        ChildJvm.run(
            Map.of(),
            List.of("-Xmx128m"),
            null,
            "serve-matcher",
            "--jar",
            jar.toString(),
            "--load-timeout",
            "1",
            "--allow-anonymous",
            "--port",
            "0");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertEquals(2, result.status(), result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "serve-matcher: the matchers of "
                    + jar
                    + " were not built within 1 s: the constructor of com.example.Spin (listed by "
                    + jar
                    + ") had not returned"),
        result.all());
    assertFalse(result.all().contains("\tat "), result.all());
    assertTrue(seconds < 30, "exited in " + seconds + " s");
  }

  @Test
  void anAssetsFileLargerThanTheHeapIsStreamedIntoACappedIndex() throws Exception {
    Path assets = dir.resolve("assets.jsonl");
    int lines = 150_000;
    try (BufferedWriter out = Files.newBufferedWriter(assets, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        out.write("{\"assetId\":\"urn:aaid:aem:");
        out.write(String.format("%08d-0000-0000-0000-%012d", i, i));
        out.write("\",\"metadata\":{\"commerce:isCommerce\":\"Yes\",\"dam:status\":\"approved\",");
        out.write("\"commerce:skus\":[\"SKU-" + (i / 3) + "\",\"SKU-B-" + (i / 7) + "\"],");
        out.write("\"commerce:positions\":[1,2],\"dc:title\":\"" + "t".repeat(200) + "\"}}\n");
      }
    }
    assertTrue(Files.size(assets) > 48L << 20, "larger than the child's heap");
    ChildJvm.Result result;
    // The port is taken, so the command exits once the file is indexed instead of serving.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      result =
          ChildJvm.run(
              Map.of(),
              List.of("-Xmx48m"),
              null,
              "serve-matcher",
              "--matcher",
              "demo",
              "--assets",
              assets.toString(),
              "--max-indexed-assets",
              "1000",
              "--allow-anonymous",
              "--port",
              Integer.toString(taken.getLocalPort()));
    }
    assertEquals(2, result.status(), result.all());
    assertTrue(result.stdout().contains("indexed 1000 assets of "), result.all());
    assertTrue(
        result
            .stdout()
            .contains(
                " from "
                    + lines
                    + " assets of "
                    + assets
                    + " (0 skipped or matching no product; "
                    + (lines - 1000)
                    + " left out: the index is full, allow more with --max-indexed-assets N)"),
        result.all());
    assertTrue(
        result
            .stderr()
            .contains(
                "the product -> asset index of matchBySKU(commerce:skus) is full (1000 assets)"),
        result.all());
    assertFalse(result.all().contains("OutOfMemoryError"), result.all());
    assertFalse(result.all().contains("ran out of memory"), result.all());
  }
}
