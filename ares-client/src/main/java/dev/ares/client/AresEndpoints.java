package dev.ares.client;

import java.net.URI;

/** The documented ARES GraphQL endpoints. */
public final class AresEndpoints {

  /** The current endpoint, on Adobe's Commerce services gateway. The client's default. */
  public static final URI COMMERCE =
      URI.create("https://commerce.adobe.io/assets-integration/graphql");

  /** The older production endpoint. */
  public static final URI AEM_ASSETS = URI.create("https://aem-assets.adobe.io/graphql");

  /** The older sandbox endpoint. */
  public static final URI AEM_ASSETS_SANDBOX =
      URI.create("https://aem-assets-sandbox.adobe.io/graphql");

  private AresEndpoints() {}
}
