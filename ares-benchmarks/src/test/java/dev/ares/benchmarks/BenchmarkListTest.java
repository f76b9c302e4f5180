package dev.ares.benchmarks;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JMH's annotation processor ran: {@code bench/run.sh} finds every benchmark, instead of failing
 * with "Unable to find the resource: /META-INF/BenchmarkList" after a build change.
 */
class BenchmarkListTest {

  @Test
  void everyBenchmarkIsListedForJmh() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
      assertNotNull(in, "META-INF/BenchmarkList is missing: the JMH processor did not run");
      String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Class<?> benchmark :
          List.of(
              RegisterTenantBenchmark.class,
              OAuthSigningBenchmark.class,
              MatchBySkuBenchmark.class,
              CatalogCoverageBenchmark.class,
              ExternalMatcherBenchmark.class)) {
        assertTrue(list.contains(benchmark.getName()), benchmark + " is not listed");
      }
    }
  }
}
