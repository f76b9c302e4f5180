package dev.ares.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fakes' registry: one tenant per project and AEM environment, and clear() forgets them all.
 */
class TenantRegistryTest {

  private static TenantInput tenant(String projectId) {
    return TenantInput.builder()
        .projectId(projectId)
        .aem(AemInput.builder().programId("1").environmentId("2").build())
        .rule(MatchBySkuRuleInput.commerceSkus())
        .build();
  }

  @Test
  void clearForgetsEveryTenantAndStartsTheIdsAgain() {
    TenantRegistry registry = new TenantRegistry();
    assertEquals(Optional.of("tenant-0001"), registry.register(tenant("p1")).tenantId());
    assertEquals(Optional.of("tenant-0002"), registry.register(tenant("p2")).tenantId());
    assertEquals(List.of("tenant-0001", "tenant-0002"), List.copyOf(registry.tenants().keySet()));

    registry.clear();

    assertEquals(0, registry.tenants().size());
    assertEquals(Optional.of("tenant-0001"), registry.register(tenant("p2")).tenantId());
    assertEquals(List.of("tenant-0001"), List.copyOf(registry.tenants().keySet()));
    assertEquals("p2", registry.tenants().get("tenant-0001").projectId());
  }
}
