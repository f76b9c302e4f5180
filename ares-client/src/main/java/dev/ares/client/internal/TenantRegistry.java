package dev.ares.client.internal;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.FieldViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registration rules the fakes share: same validation as the client, one tenant per project and
 * AEM environment, ids assigned in order.
 *
 * <p>Internal: not part of the public API.
 */
public final class TenantRegistry {

  /** The user error ARES gives for a second registration of the same tenant. */
  public static final String ALREADY_EXISTS = "Tenant already exists";

  private final Map<String, String> idsByKey = new LinkedHashMap<>();
  private final Map<String, TenantInput> tenantsById = new LinkedHashMap<>();
  private int nextId = 1;

  /** Registers the tenant or answers with user errors, as ARES does. */
  public synchronized RegisterTenantResult register(TenantInput input) {
    List<FieldViolation> violations = TenantInputValidator.violations(input);
    if (!violations.isEmpty()) {
      return refused(violations);
    }
    String key = keyOf(input);
    if (idsByKey.containsKey(key)) {
      return RegisterTenantResult.builder()
          .addUserErrors(UserError.of(ALREADY_EXISTS, List.of("tenantInput", "projectId")))
          .build();
    }
    String id = String.format("tenant-%04d", nextId++);
    idsByKey.put(key, id);
    tenantsById.put(id, input);
    return RegisterTenantResult.builder().tenantId(id).build();
  }

  /** User errors for validation problems, paths split at the dots. */
  public static RegisterTenantResult refused(List<FieldViolation> violations) {
    RegisterTenantResult.Builder b = RegisterTenantResult.builder();
    for (FieldViolation v : violations) {
      b.addUserErrors(UserError.of(v.message(), Arrays.asList(v.path().split("\\."))));
    }
    return b.build();
  }

  /** The registered tenants by id, in registration order. */
  public synchronized Map<String, TenantInput> tenants() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tenantsById));
  }

  /** Forgets every tenant; ids start again at 1. */
  public synchronized void clear() {
    idsByKey.clear();
    tenantsById.clear();
    nextId = 1;
  }

  private static String keyOf(TenantInput t) {
    List<String> parts = new ArrayList<>();
    parts.add(t.projectId());
    t.aem()
        .ifPresent(
            aem -> {
              parts.add(aem.programId());
              parts.add(aem.environmentId());
            });
    return String.join("\u0000", parts);
  }
}
