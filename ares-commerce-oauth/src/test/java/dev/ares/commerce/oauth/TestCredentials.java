package dev.ares.commerce.oauth;

import dev.ares.client.model.CommerceCredentialsInput;

/** Credentials of the published OAuth examples, and distinctive fake ones for secrecy scans. */
final class TestCredentials {

  private TestCredentials() {}

  /** RFC 5849 section 1.2 and OAuth Core 1.0 Appendix A. */
  static final CommerceCredentialsInput PHOTOS =
      CommerceCredentialsInput.builder()
          .consumerKey("dpf43f3p2l4k3l03")
          .consumerSecret("kd94hf93k423kf44")
          .accessToken("nnch734d00sl2jdk")
          .accessTokenSecret("pfkkdhi9sl3r4s00")
          .build();

  /** Values easy to find in logs and messages. */
  static final CommerceCredentialsInput DISTINCT =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRETVALUE-1")
          .consumerSecret("cs-SECRETVALUE-2")
          .accessToken("at-SECRETVALUE-3")
          .accessTokenSecret("ats-SECRETVALUE-4")
          .build();
}
