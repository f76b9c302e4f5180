package dev.ares.examples;

import dev.ares.client.TenantInputJson;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.DisplayText;
import dev.ares.core.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    return parse(name, usesSample(args) ? readSample() : readFile(Path.of(args.get(0))));
  }

  /**
   * The tenant input of this text.
   *
   * @throws BadInputException with a one-line message naming the file, the line and each bad field
   */
  static TenantInput parse(String name, String text) {
    try {
      return TenantInputJson.read(text);
    } catch (AresValidationException e) {
      throw new BadInputException(describe(name, text, e.violations(), ""));
    }
  }

  /**
   * One line naming the file, the line and the field of each violation, as in {@code tenant.json:7:
   * tenantInput.commerce.baseUrl must be an absolute http(s) URL}. A field that is missing is
   * placed at the line of its nearest enclosing object.
   *
   * @param prefix put before each violation's path, such as {@code tenantInput.commerce.}
   */
  static String describe(String name, String text, List<FieldViolation> violations, String prefix) {
    Map<String, Integer> lines = JsonLines.of(text);
    List<String> parts = new ArrayList<>();
    Set<String> explained = new HashSet<>();
    for (FieldViolation v : violations) {
      if (!v.message().equals("is required")) {
        explained.add(v.path());
      }
    }
    for (FieldViolation v : violations) {
      String path = prefix + v.path();
      if (v.message().equals("is required") && explained.contains(v.path())) {
        continue; // "must be a string" already says what is wrong with a value that is there
      }
      Matcher syntax = SYNTAX_LINE.matcher(v.message());
      int line = syntax.find() ? Integer.parseInt(syntax.group(1)) : JsonLines.lineOf(lines, path);
      parts.add(name + ":" + line + ": " + path + " " + v.message());
    }
    return oneLine(String.join("; ", parts));
  }

  /**
   * The text made printable by the SDK's one rule for text shown to a user (control characters,
   * bidi overrides and line separators escaped), so that it prints as one line.
   */
  static String oneLine(String text) {
    return DisplayText.printable(text);
  }

  private static final Pattern SYNTAX_LINE = Pattern.compile("\\(line (\\d+), column \\d+\\)");

  /** The text of the bundled sample. */
  static String readSample() {
    try (InputStream in = TenantFiles.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the bundled sample " + SAMPLE + " is missing from the jar");
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
