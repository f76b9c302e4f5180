package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Main} in a fresh JVM with this JVM's class path, for what only a fresh JVM shows: the
 * logging set-up (slf4j-simple reads its configuration once) and errors such as running out of
 * memory.
 */
final class ChildJvm {

  /** What the child printed and its exit status. */
  record Result(int status, String stdout, String stderr) {
    /** Both streams, stdout first. */
    String all() {
      return stdout + stderr;
    }
  }

  private ChildJvm() {}

  /**
   * Runs {@code Main args} with these JVM options and environment ({@code ARES_*} variables of this
   * process removed first), {@code extraClasspath} put first on the class path when given.
   */
  static Result run(
      Map<String, String> env, List<String> jvmOptions, Path extraClasspath, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    String classpath = System.getProperty("java.class.path");
    command.add("-cp");
    command.add(
        extraClasspath == null ? classpath : extraClasspath + File.pathSeparator + classpath);
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile("ares-examples-child", ".out");
    Path stderr = Files.createTempFile("ares-examples-child", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("ARES_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the child JVM did not exit within 60 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
