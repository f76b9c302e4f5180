package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds matcher jars while the tests run, as a user's build would: sources compiled by {@code
 * javax.tools.JavaCompiler} against this JVM's class path (the SDK classes under test), packed with
 * their resources by {@code java.util.jar}. The jars are never on the tests' class path, so a
 * matcher is found only through {@code serve-matcher --jar}.
 */
final class TestJars {

  /**
   * The separate matcher project (test data): {@code src/main/java} and {@code src/main/resources}.
   */
  static final Path MATCHER_PROJECT = Path.of("src", "test", "matcher-project");

  private TestJars() {}

  /** The jar of a project laid out as Maven lays one out, written to {@code jar}. */
  static Path project(Path project, Path jar) throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    Path classes = Files.createTempDirectory(jar.getParent(), "classes");
    compile(sources, classes);
    Path resources = project.resolve("src/main/resources");
    return pack(jar, List.of(classes, resources), Set.of());
  }

  /**
   * A jar of these sources (class name → source) and, unless {@code services} is {@code null}, a
   * services file with that text; the classes named in {@code leftOut} are compiled but not packed.
   */
  static Path jar(Path jar, Map<String, String> sources, String services, Set<String> leftOut)
      throws IOException {
    Path src = Files.createTempDirectory(jar.getParent(), "src");
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file);
    }
    Path classes = Files.createTempDirectory(jar.getParent(), "classes");
    compile(files, classes);
    Path resources = Files.createTempDirectory(jar.getParent(), "resources");
    if (services != null) {
      Path file = resources.resolve(MatcherJars.SERVICES);
      Files.createDirectories(file.getParent());
      Files.writeString(file, services);
    }
    Set<String> leftOutFiles = new java.util.HashSet<>();
    for (String className : leftOut) {
      leftOutFiles.add(className.replace('.', '/') + ".class");
    }
    return pack(jar, List.of(classes, resources), leftOutFiles);
  }

  /** A jar of one matcher class {@code pkg.Name} with this body, listed in its services file. */
  static Path oneMatcher(Path jar, String className, String body) throws IOException {
    return jar(jar, Map.of(className, matcherSource(className, body)), className + "\n", Set.of());
  }

  /**
   * The source of an AssetMatcher {@code className} whose class body is {@code body} plus {@code
   * matchAsset} (skips every asset) and {@code matchProduct} (lists nothing).
   */
  static String matcherSource(String className, String body) {
    int dot = className.lastIndexOf('.');
    return "package "
        + className.substring(0, dot)
        + ";\n"
        + "import dev.ares.matching.*;\n"
        + "public class "
        + className.substring(dot + 1)
        + " implements AssetMatcher {\n"
        + body
        + "\n  @Override public AssetToProductResult matchAsset(Asset asset) {\n"
        + "    return AssetToProductResult.skipped(asset.assetId(), \"test\");\n  }\n"
        + "  @Override public ProductToAssetResult matchProduct(String sku) {\n"
        + "    return ProductToAssetResult.builder().productSku(sku).build();\n  }\n}\n";
  }

  private static void compile(List<Path> sources, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      List<String> options =
          List.of(
              "--release",
              "17",
              "-proc:none",
              "-Xlint:all",
              "-Werror",
              "-encoding",
              "UTF-8",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString());
      boolean compiled = javac.getTask(messages, files, null, options, null, units).call();
      assertTrue(compiled, "the matcher project compiles: " + messages);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path pack(Path jar, List<Path> roots, Set<String> leftOut) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Path root : roots) {
        if (!Files.isDirectory(root)) {
          continue;
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
          entries = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path entry : entries) {
          String name = root.relativize(entry).toString().replace('\\', '/');
          if (leftOut.contains(name)) {
            continue;
          }
          out.putNextEntry(new JarEntry(name));
          Files.copy(entry, out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }
}
