package dev.ares.core;

import org.immutables.value.Value;

/**
 * Which call an {@link HttpEventListener} hears about: the client making it, the operation and the
 * host. Stable, low-cardinality names, fit to tag metrics with.
 *
 * <table>
 *   <caption>Names used by the SDK's clients</caption>
 *   <tr><th>client</th><th>operation</th></tr>
 *   <tr><td>{@code AresClient}</td><td>{@code registerTenant}</td></tr>
 *   <tr><td>{@code ExternalMatcher}</td>
 *       <td>{@code imsToken}, {@code assetToProduct}, {@code productToAsset}</td></tr>
 *   <tr><td>{@code CommerceCredentialsCheck}</td><td>{@code checkCredentials}</td></tr>
 * </table>
 */
@Value.Immutable
abstract class AbstractHttpCallInfo {

  /** The SDK client making the call, such as {@code AresClient}. */
  @Value.Parameter
  public abstract String client();

  /** What the call does, such as {@code registerTenant}. */
  @Value.Parameter
  public abstract String operation();

  /**
   * The host called, with its port when not the scheme's default, such as {@code ares.adobe.io}.
   */
  @Value.Parameter
  public abstract String host();

  /** The client, operation and host, as {@code AresClient registerTenant to ares.adobe.io}. */
  @Override
  public String toString() {
    return client() + " " + operation() + " to " + host();
  }
}
