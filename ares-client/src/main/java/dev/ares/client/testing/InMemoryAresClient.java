package dev.ares.client.testing;

import dev.ares.client.AresClient;
import dev.ares.client.internal.TenantInputValidator;
import dev.ares.client.internal.TenantRegistry;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.AresException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.TransportFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AresClient} that keeps tenants in memory, for the tests of services that use the SDK.
 * It validates like the real client, assigns tenant ids ({@code tenant-0001}, ...), refuses a
 * second registration of the same project and AEM environment with the user error {@code Tenant
 * already exists}, records every call, and can be told to fail the next call. Thread-safe.
 *
 * <pre>{@code
 * InMemoryAresClient ares = new InMemoryAresClient();
 * service.onboard(ares);                       // the code under test
 * assertEquals(1, ares.registrations().size());
 * ares.failNextWith(new AresTransportException(TransportFailure.CALL_TIMEOUT, "down", "ares.test",
 *     1, false, null));
 * }</pre>
 */
public final class InMemoryAresClient implements AresClient {

  private final TenantRegistry registry = new TenantRegistry();
  private final List<TenantInput> registrations = new CopyOnWriteArrayList<>();
  private final List<Object> nextFailures = new ArrayList<>();
  private volatile boolean closed;

  /** An empty fake with no tenants. */
  public InMemoryAresClient() {}

  @Override
  public RegisterTenantResult registerTenant(TenantInput tenantInput) {
    if (tenantInput == null) {
      throw new AresValidationException(List.of(FieldViolation.of("tenantInput", "is required")));
    }
    if (closed) {
      throw new AresTransportException(
          TransportFailure.CLOSED, "the ARES client is closed", null, 0, false, null);
    }
    TenantInputValidator.requireValid(tenantInput);
    registrations.add(tenantInput);
    Object failure;
    synchronized (nextFailures) {
      failure = nextFailures.isEmpty() ? null : nextFailures.remove(0);
    }
    if (failure instanceof AresException exception) {
      throw exception;
    }
    if (failure instanceof UserError error) {
      return RegisterTenantResult.builder().addUserErrors(error).build();
    }
    return registry.register(tenantInput);
  }

  /** Makes the next call throw this exception (calls queue up in order). */
  public InMemoryAresClient failNextWith(AresException exception) {
    synchronized (nextFailures) {
      nextFailures.add(java.util.Objects.requireNonNull(exception, "exception"));
    }
    return this;
  }

  /** Makes the next call answer with this user error and no tenant id. */
  public InMemoryAresClient failNextWithUserError(String message, String... path) {
    synchronized (nextFailures) {
      nextFailures.add(UserError.of(message, List.of(path)));
    }
    return this;
  }

  /** Every tenant input passed to {@link #registerTenant}, in call order, refused ones included. */
  public List<TenantInput> registrations() {
    return List.copyOf(registrations);
  }

  /** The registered tenants by id, in registration order. */
  public Map<String, TenantInput> tenants() {
    return registry.tenants();
  }

  /** Forgets tenants, recorded calls and pending failures. */
  public void reset() {
    registry.clear();
    registrations.clear();
    synchronized (nextFailures) {
      nextFailures.clear();
    }
  }

  /** Later calls fail as a closed real client's would. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "InMemoryAresClient{tenants=" + registry.tenants().keySet() + "}";
  }
}
