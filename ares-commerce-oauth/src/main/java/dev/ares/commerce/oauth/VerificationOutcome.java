package dev.ares.commerce.oauth;

/** What {@link CommerceSignatureVerifier} found about one request's signature. */
public enum VerificationOutcome {
  /** The signature is right for the request and the credentials. */
  VALID,
  /** No {@code Authorization: OAuth ...} header. */
  NOT_SIGNED,
  /** The header lacks a required parameter, repeats one, or has a value of the wrong form. */
  MALFORMED,
  /** {@code oauth_signature_method} is unknown or not accepted (Commerce 2.4.4+: HMAC-SHA256). */
  UNSUPPORTED_SIGNATURE_METHOD,
  /** {@code oauth_consumer_key} is not the integration's consumer key. */
  UNKNOWN_CONSUMER,
  /** {@code oauth_token} is not the integration's access token. */
  UNKNOWN_TOKEN,
  /** The signature does not match: wrong secret, or the request was changed after signing. */
  INVALID_SIGNATURE
}
