package dev.ares.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Tests log at WARN in every module of the build, so that a green {@code mvn verify} stays short
 * and a failure is not drowned (issue 22). A test that captures log lines on purpose raises the
 * levels it captures itself. Checked here, in the first module the build tests, for the whole tree:
 * each module's test logging set-up, by the binding its tests run with.
 */
class TestLoggingConfigTest {

  private static final Set<String> QUIET = Set.of("WARN", "ERROR", "OFF");
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[^:}]+:-([^}]+)}");

  /** The build's root directory: this module's parent, where the parent POM is. */
  private static Path root() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Document pom = xml(root.resolve("pom.xml"));
    assertEquals(
        "ares-parent",
        child(pom.getDocumentElement(), "artifactId").getTextContent().strip(),
        "run from ares-core, in the build's tree: " + root);
    return root;
  }

  private static List<String> modules(Path root) throws Exception {
    List<String> modules = new ArrayList<>();
    NodeList nodes = xml(root.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < nodes.getLength(); i++) {
      modules.add(nodes.item(i).getTextContent().strip());
    }
    assertTrue(modules.contains("ares-core") && modules.size() >= 8, modules.toString());
    return modules;
  }

  private static Document xml(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (InputStream in = Files.newInputStream(file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> elements(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  /** The module's direct dependencies' artifact ids. */
  private static List<String> dependencies(Document pom) {
    List<String> ids = new ArrayList<>();
    Element dependencies = child(pom.getDocumentElement(), "dependencies");
    if (dependencies != null) {
      for (Element d : elements(dependencies, "dependency")) {
        ids.add(child(d, "artifactId").getTextContent().strip());
      }
    }
    return ids;
  }

  /** A level as logback reads it: {@code ${ARES_TEST_LOG:-WARN}} is WARN when nothing sets it. */
  static String level(String written) {
    Matcher m = DEFAULTED.matcher(written.strip());
    return (m.matches() ? m.group(1) : written.strip()).toUpperCase(Locale.ROOT);
  }

  /** Why this logback-test.xml would let a test log below WARN; empty when it would not. */
  static List<String> problemsOf(Document config) {
    List<String> problems = new ArrayList<>();
    Element top = config.getDocumentElement();
    Element rootLogger = child(top, "root");
    if (rootLogger == null || !level(rootLogger.getAttribute("level")).equals("WARN")) {
      problems.add(
          "the root logger is not at WARN: "
              + (rootLogger == null ? "no <root>" : rootLogger.getAttribute("level")));
    }
    for (Element logger : elements(top, "logger")) {
      if (!QUIET.contains(level(logger.getAttribute("level")))) {
        problems.add(
            "logger " + logger.getAttribute("name") + " at " + logger.getAttribute("level"));
      }
    }
    for (Element appender : elements(top, "appender")) {
      boolean filtered =
          elements(appender, "filter").stream()
              .anyMatch(
                  f ->
                      f.getAttribute("class").endsWith(".ThresholdFilter")
                          && child(f, "level") != null
                          && level(child(f, "level").getTextContent()).equals("WARN"));
      if (!filtered) {
        problems.add(
            "appender "
                + appender.getAttribute("name")
                + " has no ThresholdFilter at WARN, so what a capturing test raises would print");
      }
    }
    return problems;
  }

  @Test
  void everyModuleTestingWithLogbackHasALogbackTestXmlAtWarn() throws Exception {
    Path root = root();
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String module : modules(root)) {
      Path pom = root.resolve(module).resolve("pom.xml");
      if (!dependencies(xml(pom)).contains("logback-classic")) {
        continue;
      }
      Path config = root.resolve(module).resolve("src/test/resources/logback-test.xml");
      if (!Files.exists(config)) {
        problems.add(
            module + ": no src/test/resources/logback-test.xml (logback's default: DEBUG)");
        continue;
      }
      problemsOf(xml(config)).forEach(p -> problems.add(module + ": " + p));
      checked.add(module);
    }
    assertEquals(List.of(), problems);
    assertTrue(
        checked.containsAll(List.of("ares-core", "ares-client", "ares-matching")), "" + checked);
  }

  @Test
  void theCheckRefusesAVerboseConfiguration() throws Exception {
    Path file = Files.createTempFile("logback-test", ".xml");
    try {
      Files.writeString(
          file,
          "<configuration><appender name='CONSOLE' class='ch.qos.logback.core.ConsoleAppender'/>"
              + "<logger name='dev.ares' level='TRACE'/><root level='${ARES_TEST_LOG:-WARN}'/>"
              + "</configuration>");
      assertEquals(2, problemsOf(xml(file)).size(), problemsOf(xml(file)).toString());
      Files.writeString(file, "<configuration><root level='INFO'/></configuration>");
      assertEquals(1, problemsOf(xml(file)).size());
      Files.writeString(
          file,
          "<configuration><appender name='CONSOLE' class='ch.qos.logback.core.ConsoleAppender'>"
              + "<filter class='ch.qos.logback.classic.filter.ThresholdFilter'>"
              + "<level>${ARES_TEST_LOG:-WARN}</level></filter></appender>"
              + "<logger name='org.apache.hc.client5.http.wire' level='OFF'/>"
              + "<root level='warn'/></configuration>");
      assertEquals(List.of(), problemsOf(xml(file)));
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void everyModuleTestingWithSlf4jSimpleRunsItsTestsAtWarn() throws Exception {
    Path root = root();
    List<String> checked = new ArrayList<>();
    for (String module : modules(root)) {
      Document pom = xml(root.resolve(module).resolve("pom.xml"));
      if (!dependencies(pom).contains("slf4j-simple")) {
        continue;
      }
      String level =
          elements(pom.getDocumentElement(), "plugin").stream()
              .filter(
                  p ->
                      child(p, "artifactId")
                          .getTextContent()
                          .strip()
                          .equals("maven-surefire-plugin"))
              .flatMap(p -> elements(p, "org.slf4j.simpleLogger.defaultLogLevel").stream())
              .map(e -> e.getTextContent().strip())
              .findFirst()
              .orElse("(not set: INFO)");
      assertEquals("WARN", level.toUpperCase(Locale.ROOT), module + "'s surefire set-up");
      checked.add(module);
    }
    assertEquals(List.of("ares-examples"), checked);
  }

  @Test
  void javaUtilLoggingIsAtWarningInTheTests() throws Exception {
    Properties jul = new Properties();
    try (InputStream in = Files.newInputStream(root().resolve("jul-test.properties"))) {
      jul.load(in);
    }
    assertEquals("WARNING", jul.getProperty(".level"));
    assertEquals("WARNING", jul.getProperty("java.util.logging.ConsoleHandler.level"));
    // ... and surefire hands it to this JVM, as to every module's.
    assertEquals(
        java.util.logging.Level.WARNING, java.util.logging.Logger.getLogger("").getLevel());
  }

  @Test
  void thisModulesTestsRunWithTheRootLoggerAtWarn() {
    assumeTrue(System.getenv("ARES_TEST_LOG") == null, "ARES_TEST_LOG turns the levels up");
    assertEquals(
        ch.qos.logback.classic.Level.WARN,
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .getLevel());
  }
}
