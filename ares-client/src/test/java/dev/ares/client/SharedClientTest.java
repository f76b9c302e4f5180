package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.client.internal.HttpAresClient;
import dev.ares.client.testing.FakeAresServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One client shared by many threads: every call answered, no connection left leased. */
class SharedClientTest {

  @Test
  void manyThreadsShareOneClient() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (FakeAresServer fake = FakeAresServer.start();
        AresClient ares =
            AresClient.builder()
                .endpoint(fake.endpoint())
                .apiKey("k")
                .environmentId("e")
                .gatewaySignature("j")
                .maxConnections(8)
                .build()) {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String projectId = "project-" + i;
        ids.add(
            pool.submit(
                () ->
                    ares.registerTenant(Fixtures.tenantBuilder().projectId(projectId).build())
                        .requireTenantId()));
      }
      Set<String> distinct = new HashSet<>();
      for (Future<String> id : ids) {
        distinct.add(id.get());
      }
      assertEquals(400, distinct.size());
      assertEquals(400, fake.tenants().size());
      assertEquals(0, ((HttpAresClient) ares).poolStats().getLeased());
      assertEquals(true, ((HttpAresClient) ares).poolStats().getAvailable() <= 8);
    } finally {
      pool.shutdownNow();
    }
  }
}
