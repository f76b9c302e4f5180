package dev.ares.matching;

import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.MatchingRule;
import dev.ares.client.model.TenantInput;
import dev.ares.core.HttpOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds and builds matchers: from a tenant's rule, or custom ones through {@link ServiceLoader}.
 */
public final class AssetMatchers {

  private AssetMatchers() {}

  /**
   * The matcher of the tenant's rule: a {@link MatchBySku} or an {@link ExternalMatcher} with the
   * default settings. Close it when done.
   *
   * @throws dev.ares.core.AresValidationException when the external matcher's URLs are not https
   *     (or loopback)
   */
  public static AssetMatcher forTenant(TenantInput tenantInput) {
    return forRule(tenantInput.rule());
  }

  /**
   * The matcher of the tenant's rule, an {@link ExternalMatcher} built with these HTTP settings (a
   * {@link MatchBySku} makes no calls and ignores them). For a {@link BulkMatcher}, size the pool
   * to its concurrency: {@code forTenant(tenant, BulkMatcher.externalMatcherHttpOptions(200))}.
   * Close it when done.
   *
   * @param httpOptions every HTTP setting of an external matcher, as {@link
   *     ExternalMatcher.Builder#httpOptions(HttpOptions)} takes them
   * @throws dev.ares.core.AresValidationException when the external matcher's URLs are not https
   *     (or loopback)
   */
  public static AssetMatcher forTenant(TenantInput tenantInput, HttpOptions httpOptions) {
    return forRule(tenantInput.rule(), httpOptions);
  }

  /** The matcher of a rule, as {@link #forTenant(TenantInput)}. */
  public static AssetMatcher forRule(MatchingRule rule) {
    return forRule(rule, ExternalMatcher.defaultHttpOptions());
  }

  /** The matcher of a rule, as {@link #forTenant(TenantInput, HttpOptions)}. */
  public static AssetMatcher forRule(MatchingRule rule, HttpOptions httpOptions) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(httpOptions, "httpOptions");
    if (rule instanceof MatchBySkuRuleInput bySku) {
      return MatchBySku.of(bySku);
    }
    return ExternalMatcher.builder()
        .rule((ExternalMatcherInput) rule)
        .httpOptions(httpOptions)
        .build();
  }

  /**
   * Every custom matcher listed in {@code META-INF/services/dev.ares.matching.AssetMatcher} on the
   * thread's context class loader, in class path order.
   */
  public static List<AssetMatcher> discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  /** Every custom matcher listed for {@link ServiceLoader} on this class loader. */
  public static List<AssetMatcher> discover(ClassLoader loader) {
    List<AssetMatcher> found = new ArrayList<>();
    ServiceLoader.load(AssetMatcher.class, loader).forEach(found::add);
    return List.copyOf(found);
  }

  /**
   * The discovered matcher with this {@link AssetMatcher#name()} or class name, if any. Every other
   * matcher that was built to find it is closed, so none is left holding threads or connections;
   * the one returned is the caller's to close.
   *
   * @throws RuntimeException what closing another matcher threw (the others are still closed, and
   *     so is the one found)
   */
  public static Optional<AssetMatcher> discover(String name) {
    Objects.requireNonNull(name, "name");
    List<AssetMatcher> found = discover();
    AssetMatcher chosen =
        found.stream()
            .filter(m -> name.equals(m.name()) || m.getClass().getName().equals(name))
            .findFirst()
            .orElse(null);
    RuntimeException closeFailure = null;
    for (AssetMatcher other : found) {
      if (other == chosen) {
        continue;
      }
      try {
        other.close();
      } catch (RuntimeException e) {
        if (closeFailure == null) {
          closeFailure = e;
        } else {
          closeFailure.addSuppressed(e);
        }
      }
    }
    if (closeFailure != null) {
      if (chosen != null) {
        chosen.close();
      }
      throw closeFailure;
    }
    return Optional.ofNullable(chosen);
  }
}
