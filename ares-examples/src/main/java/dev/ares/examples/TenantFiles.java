package dev.ares.examples;

import dev.ares.client.AresValidationException;
import dev.ares.client.TenantInputJson;
import dev.ares.client.model.TenantInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a tenant file given on the command line, or the bundled sample when none is given. */
final class TenantFiles {

  /** The classpath resource of the bundled sample, the ARES reference example. */
  static final String SAMPLE = "/samples/tenant.json";

  private TenantFiles() {}

  /** Whether the command line names no tenant file, so the bundled sample is used. */
  static boolean usesSample(List<String> args) {
    return args.isEmpty();
  }

  /**
   * The tenant input from {@code args.get(0)}, or the sample.
   *
   * @throws BadInputException with a one-line message naming the file and the bad fields
   */
  static TenantInput read(List<String> args) {
    String name = usesSample(args) ? "bundled sample " + SAMPLE : args.get(0);
    try {
      return TenantInputJson.read(usesSample(args) ? readSample() : readFile(Path.of(args.get(0))));
    } catch (AresValidationException e) {
      throw new BadInputException(name + ": " + e.getMessage());
    }
  }

  /** The text of the bundled sample. */
  static String readSample() {
    try (InputStream in = TenantFiles.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the bundled sample " + SAMPLE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
