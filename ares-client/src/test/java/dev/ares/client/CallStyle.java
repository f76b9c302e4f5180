package dev.ares.client;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two ways to register a tenant: the fault tests run each case both ways, and the async call
 * must fail with exactly the exception the blocking call throws (not wrapped).
 */
enum CallStyle {
  BLOCKING {
    @Override
    RegisterTenantResult register(AresClient client, TenantInput tenant) {
      return client.registerTenant(tenant);
    }
  },
  ASYNC {
    @Override
    RegisterTenantResult register(AresClient client, TenantInput tenant) {
      CompletableFuture<RegisterTenantResult> future = client.registerTenantAsync(tenant);
      try {
        return future.get(1, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new AssertionError("failed with " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        future.cancel(true);
        throw new AssertionError("the future did not complete within a minute", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  };

  /** Registers {@code tenant}, returning the result or throwing what the call failed with. */
  abstract RegisterTenantResult register(AresClient client, TenantInput tenant);

  /**
   * {@code client} as a test sees it: its {@code registerTenant} made this way (the async call
   * awaited), everything else as it is.
   */
  AresClient calling(AresClient client) {
    if (this == BLOCKING) {
      return client;
    }
    return new Awaiting(client);
  }

  /** The client a test made, under the view {@link #calling} gave it. */
  static AresClient real(AresClient client) {
    return client instanceof Awaiting awaiting ? awaiting.client : client;
  }

  /** A client whose blocking call is its async call awaited. */
  private static final class Awaiting implements AresClient {
    private final AresClient client;

    Awaiting(AresClient client) {
      this.client = client;
    }

    @Override
    public RegisterTenantResult registerTenant(TenantInput tenantInput) {
      return ASYNC.register(client, tenantInput);
    }

    @Override
    public CompletableFuture<RegisterTenantResult> registerTenantAsync(
        TenantInput tenantInput, Executor executor) {
      return client.registerTenantAsync(tenantInput, executor);
    }

    @Override
    public void close() {
      client.close();
    }

    @Override
    public String toString() {
      return client.toString();
    }
  }
}
