package dev.ares.consumercheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README compiles as a reader sees it, with {@code -Xlint:all -Werror},
 * against the SDK's artifacts as a user's build gets them.
 *
 * <p>The README states its convention above its first Java block: a block is its {@code import}
 * lines, then members of a class (static methods, whose parameters are what the block is given).
 * That is all this test adds, as a reader pasting the block would: the imports go at the top of a
 * file and the rest into {@code final class ReadmeLineN { ... }}. No parameter, import, {@code
 * throws} or declaration comes from anywhere else.
 *
 * <p>The test also fails when the README holds text that a reader cannot see (an HTML comment
 * outside a code block, such as the {@code <!-- given: ... -->} lines this test once read), a code
 * block without a kind or of a kind it does not know, a block of another kind that reads as Java
 * (so Java is never skipped by being tagged otherwise), when the blocks it compiled are fewer than
 * the {@code ```java} fences a plain count finds, or when a table of exceptions names one without
 * its package.
 */
class ReadmeSnippetsTest {

  /** The kinds of code block the README may hold, and what this test does with each. */
  static final Map<String, String> KINDS =
      Map.of(
          "java", "compiled",
          "xml", "Maven or logging configuration, not compiled",
          "bash", "commands, not compiled",
          "text", "program output, not compiled",
          "properties", "logging configuration, not compiled");

  private static final Pattern FENCE =
      Pattern.compile("^([ \\t]*)(`{3,}|~{3,})[ \\t]*(.*?)[ \\t]*$");
  private static final Pattern JAVA_FENCE = Pattern.compile("(?m)^[ \\t]*```java[ \\t]*$");
  private static final Pattern IMPORT = Pattern.compile("^import (static )?[\\w.]+(\\.\\*)?;\\s*$");
  private static final Pattern JAVA_LIKE =
      Pattern.compile("^\\s*(import (static )?[\\w.*]+;|.*\\)\\s*;)\\s*(//.*)?$");
  private static final Pattern EXCEPTION_CELL = Pattern.compile("^\\|\\s*`([\\w.]+)`\\s*\\|");

  /** One fenced code block: its kind, the README line of its first content line, its lines. */
  record Block(String kind, int line, List<String> lines) {}

  /** One line outside the code blocks, with its README line number. */
  record Prose(int line, String text) {}

  /** What a reader sees, split into fenced blocks and prose, and the problems found meanwhile. */
  record Readme(List<Block> blocks, List<Prose> prose, List<String> problems) {}

  static Readme read(String markdown) {
    String[] lines = markdown.split("\n", -1);
    List<Block> blocks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Prose> prose = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        prose.add(new Prose(i + 1, lines[i]));
        if (lines[i].contains("<!--")) {
          problems.add(
              "README.md:"
                  + (i + 1)
                  + ": an HTML comment, which a reader of the rendered page cannot see"
                  + (lines[i].contains("given:")
                      ? " (a block's values are its method's parameters, not a hidden comment)"
                      : ""));
        }
        i++;
        continue;
      }
      int indent = open.group(1).length();
      String fence = open.group(2);
      String kind = open.group(3).split("\\s+")[0];
      int first = i + 1;
      List<String> body = new ArrayList<>();
      i++;
      while (i < lines.length) {
        Matcher close = FENCE.matcher(lines[i]);
        if (close.matches()
            && close.group(3).isEmpty()
            && close.group(2).charAt(0) == fence.charAt(0)
            && close.group(2).length() >= fence.length()) {
          break;
        }
        String text = lines[i];
        int strip = 0;
        while (strip < indent && strip < text.length() && text.charAt(strip) == ' ') {
          strip++;
        }
        body.add(text.substring(strip));
        i++;
      }
      if (i == lines.length) {
        problems.add("README.md:" + first + ": a code block that is never closed");
      }
      i++;
      if (kind.isEmpty()) {
        problems.add(
            "README.md:"
                + first
                + ": a code block without a kind; tag it as one of "
                + KINDS.keySet().stream().sorted().toList());
      } else if (!KINDS.containsKey(kind)) {
        problems.add(
            "README.md:"
                + first
                + ": a code block of the unknown kind '"
                + kind
                + "'; this test knows "
                + KINDS.keySet().stream().sorted().toList());
      } else if (!kind.equals("java")) {
        for (int k = 0; k < body.size(); k++) {
          if (JAVA_LIKE.matcher(body.get(k)).matches()) {
            problems.add(
                "README.md:"
                    + (first + 1 + k)
                    + ": a line of a '"
                    + kind
                    + "' block reads as Java; tag the block java so that it is compiled");
          }
        }
      }
      blocks.add(new Block(kind, first + 1, body));
    }
    return new Readme(blocks, prose, problems);
  }

  /**
   * The compilation unit a reader makes of a block: its imports at the top, the rest inside a
   * class. The class opens on the line after the last import, so line N of the unit is line N of
   * the block.
   */
  static String source(Block block, String className) {
    List<String> lines = block.lines();
    int classLine = 0;
    for (int k = 0; k < lines.size(); k++) {
      if (IMPORT.matcher(lines.get(k)).matches()) {
        classLine = k + 1;
      }
    }
    StringBuilder unit = new StringBuilder();
    for (int k = 0; k < lines.size(); k++) {
      if (k == classLine) {
        unit.append("final class ").append(className).append(" { ");
      }
      unit.append(lines.get(k)).append('\n');
    }
    if (classLine == lines.size()) {
      unit.append("final class ").append(className).append(" {\n");
    }
    return unit.append("}\n").toString();
  }

  /** Every problem of a README: what {@link #read} finds, then what javac says of each block. */
  static List<String> problems(String markdown) throws IOException {
    Readme readme = read(markdown);
    List<String> problems = new ArrayList<>(readme.problems());
    List<Block> java = readme.blocks().stream().filter(b -> b.kind().equals("java")).toList();
    long fences = JAVA_FENCE.matcher(markdown).results().count();
    if (java.size() != fences) {
      problems.add(
          "README.md: " + fences + " ```java fences, but " + java.size() + " Java blocks compiled");
    }
    problems.addAll(exceptionTables(readme.prose()));
    if (java.isEmpty()) {
      return problems;
    }
    List<JavaFileObject> sources = new ArrayList<>();
    for (Block b : java) {
      String name = "ReadmeLine" + b.line();
      String code = source(b, name);
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return code;
            }
          });
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("readme-snippets");
    boolean compiled =
        javac
            .getTask(
                null,
                null,
                diagnostics,
                List.of(
                    "--release",
                    "17",
                    "-Xlint:all",
                    "-Werror",
                    "-proc:none",
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty("java.class.path")),
                null,
                sources)
            .call();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        continue;
      }
      String message =
          d.getKind().toString().toLowerCase(Locale.ROOT)
              + ": "
              + d.getMessage(Locale.ROOT).replaceAll("\\s*location: .*", "").replace('\n', ' ');
      if (d.getSource() == null) {
        problems.add("javac: " + message);
      } else {
        long blockLine =
            Long.parseLong(d.getSource().getName().replaceAll(".*ReadmeLine(\\d+)\\.java", "$1"));
        problems.add("README.md:" + (blockLine + d.getLineNumber() - 1) + ": " + message);
      }
    }
    if (!compiled && problems.isEmpty()) {
      problems.add("javac failed without a diagnostic");
    }
    return problems;
  }

  /**
   * In a table whose first column is headed {@code exception}, each exception is named with its
   * package, as a type a reader can import.
   */
  static List<String> exceptionTables(List<Prose> prose) {
    List<String> problems = new ArrayList<>();
    boolean inTable = false;
    for (Prose line : prose) {
      String row = line.text().strip();
      if (!row.startsWith("|")) {
        inTable = false;
      } else if (row.matches("\\|\\s*exception\\s*\\|.*")) {
        inTable = true;
      } else if (inTable && !row.matches("\\|[\\s|:-]*")) {
        Matcher cell = EXCEPTION_CELL.matcher(row);
        String type = cell.find() ? cell.group(1) : row;
        try {
          Class.forName(type, false, ReadmeSnippetsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          problems.add(
              "README.md:"
                  + line.line()
                  + ": an exception table lists "
                  + type
                  + ", which is not a class a reader can import by that name");
        }
      }
    }
    return problems;
  }

  @Test
  void everyJavaBlockOfTheReadmeCompilesAsShown() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertEquals(List.of(), problems(readme), "README problems");
    assertTrue(
        read(readme).blocks().stream().filter(b -> b.kind().equals("java")).count() >= 10,
        "fewer Java blocks than the README has ever had");
  }

  @Test
  void whatAReaderCannotSeeOrWhatIsNotCompiledIsRefused() throws IOException {
    String markdown =
        String.join(
            "\n",
            "<!-- given: String apiKey -->",
            "```java",
            "static int length(String apiKey) {",
            "  return apiKey.length();",
            "}",
            "```",
            "```",
            "output",
            "```",
            "```jshell",
            "int x = 1;",
            "```",
            "```text",
            "import java.util.List;",
            "```",
            "| exception | when |",
            "| --- | --- |",
            "| `AresGraphQlException` | errors |",
            "");
    List<String> problems = problems(markdown);
    assertEquals(5, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("README.md:1: an HTML comment"), problems.get(0));
    assertTrue(problems.get(1).startsWith("README.md:7: a code block without a kind"));
    assertTrue(
        problems.get(2).startsWith("README.md:10: a code block of the unknown kind 'jshell'"));
    assertTrue(problems.get(3).startsWith("README.md:14: a line of a 'text' block reads as Java"));
    assertTrue(
        problems.get(4).startsWith("README.md:18: an exception table lists AresGraphQlException,"));
  }

  @Test
  void aBlockFailsOnAnUndeclaredValueAndOnAWarning() throws IOException {
    String undeclared =
        String.join(
            "\n", "```java", "static int length() {", "  return apiKey.length();", "}", "```", "");
    List<String> problems = problems(undeclared);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("README.md:3: error: cannot find symbol")),
        String.join("\n", problems));

    String unusedResource =
        String.join(
            "\n",
            "intro",
            "```java",
            "import java.io.StringReader;",
            "",
            "static void read() {",
            "  try (StringReader reader = new StringReader(\"x\")) {",
            "    // ...",
            "  }",
            "}",
            "```",
            "");
    problems = problems(unusedResource);
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.startsWith(
                        "README.md:6: warning: auto-closeable resource reader is never"
                            + " referenced")),
        String.join("\n", problems));
    assertTrue(problems.stream().anyMatch(p -> p.contains("-Werror")), String.join("\n", problems));
  }
}
