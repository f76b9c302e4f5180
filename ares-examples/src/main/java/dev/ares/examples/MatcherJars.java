package dev.ares.examples;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductToAssetResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * The {@code --jar} of {@code serve-matcher}: the {@link AssetMatcher}s that a user's jars list in
 * {@value #SERVICES}, built by {@link ServiceLoader} on a {@link URLClassLoader} over those jars
 * whose parent is this program's class loader (so the matcher and the SDK share one {@code
 * AssetMatcher}).
 *
 * <p>Everything that can go wrong says which jar and which class, in one line, as a {@link
 * BadInputException} (exit 2): a path that is missing, a directory or not a jar; a jar without the
 * services file or naming no class in it; a class listed by two jars, or also on the application's
 * class path; a class that cannot be loaded, is not an {@code AssetMatcher}, or whose constructor
 * or {@code name()} throws; a name no matcher has (the names found are listed) or that two matchers
 * share. The user's code (static initializers, constructors, {@code name()}, {@code close()} of the
 * matchers not chosen) runs on a daemon thread bounded by a timeout: a constructor that never
 * returns is named, and the command exits instead of hanging (the thread itself cannot be stopped;
 * the exit ends it).
 */
final class MatcherJars {

  /** Where a jar lists its matchers, one class name a line. */
  static final String SERVICES = "META-INF/services/" + AssetMatcher.class.getName();

  /** How long the user's code may take to build its matchers by default. */
  static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(60);

  /** A services file longer than this is not read further. */
  private static final int MAX_SERVICES_BYTES = 64 * 1024;

  /** The longest exception message quoted. */
  private static final int MAX_MESSAGE_CHARS = 300;

  private MatcherJars() {}

  /**
   * The jars of {@code --jar} values: each value is one jar, or a list of jars joined by {@value
   * File#pathSeparatorChar} (a value naming an existing file is one jar, separator or not).
   *
   * @throws BadInputException for an empty value or one that is not a path
   */
  static List<String> split(List<String> values) {
    List<String> jars = new ArrayList<>();
    for (String value : values) {
      boolean oneFile;
      try {
        oneFile = Files.exists(Path.of(value));
      } catch (InvalidPathException e) {
        oneFile = false;
      }
      List<String> parts =
          oneFile || !value.contains(File.pathSeparator)
              ? List.of(value)
              : List.of(value.split(Pattern.quote(File.pathSeparator), -1));
      for (String part : parts) {
        if (part.isBlank()) {
          throw new BadInputException(
              TenantFiles.oneLine("--jar: an empty path in \"" + value + "\""));
        }
        jars.add(part);
      }
    }
    return jars;
  }

  /**
   * The matcher named {@code name} (its {@link AssetMatcher#name()} or class name) among those the
   * jars list, or the only one when {@code name} is {@code null}. Every other matcher built on the
   * way is closed. Closing the one returned also closes the jars.
   *
   * @param jars the jars as given on the command line
   * @param timeout how long building the matchers may take
   * @param out where a line says what was loaded from where
   * @throws BadInputException naming the jar and the class of whatever went wrong
   */
  static AssetMatcher load(List<String> jars, String name, Duration timeout, PrintStream out)
      throws InterruptedException {
    Map<String, String> listedBy = new LinkedHashMap<>(); // class name -> the jar that lists it
    List<URL> urls = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (String given : jars) {
      Path jar = path(given);
      if (!seen.add(realPath(jar))) {
        continue; // the same file given twice
      }
      for (String className : listed(jar, given)) {
        String other = listedBy.putIfAbsent(className, given);
        if (other != null) {
          throw new BadInputException(
              TenantFiles.oneLine(
                  className
                      + " is listed by both "
                      + other
                      + " and "
                      + given
                      + ": only one copy could be served; give one of the jars"));
        }
      }
      urls.add(url(jar, given));
    }
    URLClassLoader loader =
        new URLClassLoader(
            "serve-matcher --jar", urls.toArray(URL[]::new), MatcherJars.class.getClassLoader());
    Building building = new Building(loader, listedBy, name);
    FutureTask<Found> task = new FutureTask<>(building::run);
    Thread thread = new Thread(task, "serve-matcher-load");
    thread.setDaemon(true); // a constructor that never returns must not keep the JVM alive
    thread.setContextClassLoader(loader);
    thread.start();
    Found found;
    try {
      found = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String doing = building.doing; // before the interrupt moves it on
      building.abandoned = true;
      thread.interrupt();
      closeQuietly(loader);
      throw new BadInputException(
          TenantFiles.oneLine(
              "the matchers of "
                  + String.join(", ", jars)
                  + " were not built within "
                  + (timeout.toMillis() % 1000 == 0
                      ? timeout.toSeconds() + " s"
                      : timeout.toMillis() + " ms")
                  + ": "
                  + doing
                  + " had not returned; make it return, or allow longer with --load-timeout"
                  + " SECONDS"));
    } catch (ExecutionException e) {
      closeQuietly(loader);
      if (e.getCause() instanceof BadInputException bad) {
        throw bad;
      }
      throw new BadInputException(
          TenantFiles.oneLine(
              "the matchers of "
                  + String.join(", ", jars)
                  + " could not be built: "
                  + describe(e.getCause())));
    } catch (InterruptedException e) {
      building.abandoned = true;
      thread.interrupt();
      closeQuietly(loader);
      throw e;
    }
    out.println(
        TenantFiles.oneLine(
            "loaded "
                + found.name
                + " ("
                + found.matcher.getClass().getName()
                + ") from "
                + found.jar));
    return new JarMatcher(found.matcher, loader);
  }

  private static Path path(String given) {
    Path jar;
    try {
      jar = Path.of(given);
    } catch (InvalidPathException e) {
      throw new BadInputException(TenantFiles.oneLine("--jar " + given + ": not a path"));
    }
    if (!Files.exists(jar)) {
      throw new BadInputException(TenantFiles.oneLine(given + ": no such file"));
    }
    if (Files.isDirectory(jar)) {
      throw new BadInputException(
          TenantFiles.oneLine(
              given + " is a directory, not a jar; --jar takes your matcher's jar"));
    }
    return jar;
  }

  private static Path realPath(Path jar) {
    try {
      return jar.toRealPath();
    } catch (IOException e) {
      return jar.toAbsolutePath().normalize();
    }
  }

  private static URL url(Path jar, String given) {
    try {
      return jar.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new BadInputException(TenantFiles.oneLine("--jar " + given + ": not a path"));
    }
  }

  /** The class names the jar's services file lists, as {@link ServiceLoader} reads them. */
  private static List<String> listed(Path jar, String given) {
    byte[] text;
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(SERVICES);
      if (entry == null || entry.isDirectory()) {
        throw new BadInputException(
            TenantFiles.oneLine(
                given
                    + " lists no AssetMatcher: it has no "
                    + SERVICES
                    + " (one class name a line, each an AssetMatcher with a public no-argument"
                    + " constructor)"));
      }
      try (InputStream in = file.getInputStream(entry)) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0 && read.size() <= MAX_SERVICES_BYTES; ) {
          read.write(buffer, 0, n);
        }
        if (read.size() > MAX_SERVICES_BYTES) {
          throw new BadInputException(
              TenantFiles.oneLine(
                  given + ": " + SERVICES + " is longer than " + MAX_SERVICES_BYTES + " bytes"));
        }
        text = read.toByteArray();
      }
    } catch (ZipException e) {
      throw new BadInputException(
          TenantFiles.oneLine(given + " is not a jar (" + shorten(e.getMessage()) + ")"));
    } catch (IOException | SecurityException e) {
      throw new BadInputException(
          TenantFiles.oneLine(given + ": cannot be read (" + describe(e) + ")"));
    }
    List<String> names = new ArrayList<>();
    for (String line : new String(text, StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!name.isEmpty() && !names.contains(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new BadInputException(TenantFiles.oneLine(given + ": " + SERVICES + " names no class"));
    }
    return names;
  }

  /** What the user's code runs on the loading thread: load, build, name and choose. */
  private static final class Building {
    private final URLClassLoader loader;
    private final Map<String, String> listedBy;
    private final String name;

    /** What runs now, for the message when it does not return. */
    volatile String doing = "loading the classes";

    /** Set when the caller stopped waiting: whatever gets built after all is closed. */
    volatile boolean abandoned;

    Building(URLClassLoader loader, Map<String, String> listedBy, String name) {
      this.loader = loader;
      this.listedBy = listedBy;
      this.name = name;
    }

    Found run() {
      for (Map.Entry<String, String> listed : listedBy.entrySet()) {
        check(listed.getKey(), listed.getValue());
      }
      List<Found> built = new ArrayList<>();
      try {
        Iterator<ServiceLoader.Provider<AssetMatcher>> providers =
            ServiceLoader.load(AssetMatcher.class, loader).stream().iterator();
        while (true) {
          ServiceLoader.Provider<AssetMatcher> provider;
          try {
            if (!providers.hasNext()) {
              break;
            }
            provider = providers.next();
          } catch (ServiceConfigurationError | LinkageError e) {
            throw new BadInputException(TenantFiles.oneLine(describe(e)));
          }
          Class<? extends AssetMatcher> type = provider.type();
          String jar = listedBy.get(type.getName());
          if (jar == null || type.getClassLoader() != loader) {
            continue; // a matcher on the application's own class path: --jar serves the jars'
          }
          built.add(build(provider, type, jar));
        }
        Found chosen = choose(built);
        for (Found other : built) {
          if (other != chosen || abandoned) {
            closeQuietly(other);
          }
        }
        return chosen;
      } catch (RuntimeException | Error e) {
        built.forEach(MatcherJars::closeQuietly);
        throw e;
      }
    }

    /** The listed class loads from its jar and is an AssetMatcher. */
    private void check(String className, String jar) {
      doing = "loading " + className + " (listed by " + jar + ")";
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException e) {
        throw new BadInputException(
            TenantFiles.oneLine(
                jar
                    + " lists "
                    + className
                    + " in "
                    + SERVICES
                    + ", but no such class is in the jar or on the class path"));
      } catch (LinkageError e) {
        throw new BadInputException(
            TenantFiles.oneLine(
                jar + " lists " + className + ", which cannot be loaded: " + describe(e)));
      }
      if (type.getClassLoader() != loader) {
        throw new BadInputException(
            TenantFiles.oneLine(
                className
                    + " (listed by "
                    + jar
                    + ") is also on the application's class path, whose copy would be served:"
                    + " leave it out of one of them"));
      }
      if (!AssetMatcher.class.isAssignableFrom(type)) {
        throw new BadInputException(
            TenantFiles.oneLine(
                jar
                    + " lists "
                    + className
                    + ", which does not implement "
                    + AssetMatcher.class.getName()));
      }
    }

    private Found build(
        ServiceLoader.Provider<AssetMatcher> provider,
        Class<? extends AssetMatcher> type,
        String jar) {
      doing = "the constructor of " + type.getName() + " (listed by " + jar + ")";
      AssetMatcher matcher;
      try {
        matcher = provider.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        throw new BadInputException(
            TenantFiles.oneLine(
                jar + ": " + type.getName() + " could not be built: " + describe(cause(e))));
      }
      doing = "name() of " + type.getName() + " (listed by " + jar + ")";
      String matcherName;
      try {
        matcherName = matcher.name();
      } catch (RuntimeException | LinkageError e) {
        closeQuietly(matcher);
        throw new BadInputException(
            TenantFiles.oneLine(jar + ": name() of " + type.getName() + " failed: " + describe(e)));
      }
      if (matcherName == null || matcherName.isBlank()) {
        closeQuietly(matcher);
        throw new BadInputException(
            TenantFiles.oneLine(jar + ": name() of " + type.getName() + " returned no name"));
      }
      doing = "loading the matchers after " + type.getName();
      return new Found(matcherName, matcher, jar);
    }

    private Found choose(List<Found> built) {
      doing = "closing the matchers not chosen";
      if (name == null) {
        if (built.size() == 1) {
          return built.get(0);
        }
        throw new BadInputException(
            TenantFiles.oneLine(
                "several AssetMatchers are in the jars ("
                    + names(built)
                    + "): choose one with --matcher NAME"));
      }
      List<Found> named =
          built.stream()
              .filter(f -> f.name.equals(name) || f.matcher.getClass().getName().equals(name))
              .toList();
      if (named.isEmpty()) {
        throw new BadInputException(
            TenantFiles.oneLine(
                "no AssetMatcher named "
                    + name
                    + " is in the jars; found: "
                    + (built.isEmpty() ? "none" : names(built))));
      }
      if (named.size() > 1) {
        throw new BadInputException(
            TenantFiles.oneLine(
                named.size()
                    + " AssetMatchers are named "
                    + name
                    + ": "
                    + named.stream()
                        .map(f -> f.matcher.getClass().getName() + " in " + f.jar)
                        .collect(Collectors.joining(" and "))
                    + "; give one of the jars, or choose by class name with --matcher"));
      }
      return named.get(0);
    }
  }

  /** A matcher built from a jar: its name and the jar that lists it. */
  private record Found(String name, AssetMatcher matcher, String jar) {}

  private static String names(List<Found> found) {
    return found.stream()
        .map(f -> f.name + " (" + f.matcher.getClass().getName() + " in " + f.jar + ")")
        .collect(Collectors.joining(", "));
  }

  private static void closeQuietly(Found found) {
    closeQuietly(found.matcher);
  }

  private static void closeQuietly(AssetMatcher matcher) {
    try {
      matcher.close();
    } catch (RuntimeException | LinkageError e) {
      // not served: its failure to close changes nothing for the one that is
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // the jars stay open until the JVM exits
    }
  }

  /** What a constructor threw, out of the wrappers ServiceLoader and reflection put round it. */
  private static Throwable cause(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof ServiceConfigurationError
            || t instanceof InvocationTargetException
            || t instanceof ExceptionInInitializerError)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A failure as one short line: its type and message, never a stack trace. */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + shorten(message));
  }

  private static String shorten(String message) {
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  /**
   * A matcher from the jars: each call runs with the jars' class loader as the thread's context
   * class loader (libraries that look classes up through it find the jars'), and closing it closes
   * the jars.
   */
  private static final class JarMatcher implements AssetMatcher {
    private final AssetMatcher matcher;
    private final URLClassLoader loader;

    JarMatcher(AssetMatcher matcher, URLClassLoader loader) {
      this.matcher = matcher;
      this.loader = loader;
    }

    @Override
    public String name() {
      return matcher.name();
    }

    @Override
    public AssetToProductResult matchAsset(Asset asset) {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        return matcher.matchAsset(asset);
      } finally {
        thread.setContextClassLoader(previous);
      }
    }

    @Override
    public ProductToAssetResult matchProduct(String productSku) {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        return matcher.matchProduct(productSku);
      } finally {
        thread.setContextClassLoader(previous);
      }
    }

    @Override
    public void close() {
      try {
        matcher.close();
      } finally {
        closeQuietly(loader);
      }
    }

    @Override
    public String toString() {
      return matcher.toString();
    }
  }
}
