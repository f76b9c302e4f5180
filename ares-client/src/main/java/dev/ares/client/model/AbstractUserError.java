package dev.ares.client.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * A problem ARES found with the input it was given, such as {@code Tenant already exists}, with
 * the path of the input field it concerns.
 */
@Value.Immutable
abstract class AbstractUserError {

  /** What ARES found wrong. */
  @Value.Parameter
  public abstract String message();

  /** The path of the input field, for example {@code [tenantInput, projectId]}; may be empty. */
  @Value.Parameter
  public abstract List<String> path();
}
