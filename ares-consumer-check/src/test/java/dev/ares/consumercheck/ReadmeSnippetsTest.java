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
 * Every Java block of the README compiles as written, its imports included, against the SDK's
 * modules: a user can paste it. A block is compiled as the body of one method; the variables it
 * takes from the surrounding prose (the tenant, the credentials) are named in an HTML comment right
 * above it, {@code <!-- given: TenantInput tenant, String apiKey -->}, and become the method's
 * parameters. Nothing else is added: no import, no declaration.
 */
class ReadmeSnippetsTest {

  private static final Pattern BLOCK =
      Pattern.compile(
          "(?:<!-- given: (.*?) -->[ \\t]*\\n[ \\t]*)?```java\\n(.*?)```", Pattern.DOTALL);

  record Snippet(int line, String given, String imports, String body) {}

  static List<Snippet> snippets(String readme) {
    List<Snippet> snippets = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      int line = 1 + (int) readme.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
      StringBuilder imports = new StringBuilder();
      StringBuilder body = new StringBuilder();
      for (String text : m.group(2).split("\n", -1)) {
        String trimmed = text.strip();
        if (body.toString().isBlank() && trimmed.startsWith("import ")) {
          imports.append(trimmed).append('\n');
        } else {
          body.append(text).append('\n');
        }
      }
      snippets.add(
          new Snippet(
              line, m.group(1) == null ? "" : m.group(1), imports.toString(), body.toString()));
    }
    return snippets;
  }

  private static String source(Snippet s, String className) {
    return s.imports()
        + "class "
        + className
        + " { void snippet("
        + s.given()
        + ") throws Exception {\n"
        + s.body()
        + "\n}}\n";
  }

  @Test
  void everyJavaBlockOfTheReadmeCompilesWithItsOwnImports() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    List<Snippet> snippets = snippets(readme);
    assertTrue(snippets.size() >= 10, "found only " + snippets.size() + " Java blocks");

    List<JavaFileObject> sources = new ArrayList<>();
    for (Snippet s : snippets) {
      String name = "ReadmeLine" + s.line();
      String code = source(s, name);
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
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("readme-snippets");
    boolean compiled =
        javac
            .getTask(
                null,
                null,
                problems,
                List.of(
                    "-proc:none",
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty("java.class.path")),
                null,
                sources)
            .call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : problems.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        String file = d.getSource().getName().replaceAll(".*ReadmeLine(\\d+)\\.java", "$1");
        // imports (k lines), the class line, then the body: README line = block start + line - 2
        long readmeLine = Long.parseLong(file) + d.getLineNumber() - 2;
        errors.add(
            "README.md:"
                + readmeLine
                + ": "
                + d.getMessage(Locale.ROOT).replaceAll("\\s*location: .*", "").replace('\n', ' '));
      }
    }
    assertEquals(List.of(), errors, "README Java blocks that do not compile");
    assertTrue(compiled);
  }
}
