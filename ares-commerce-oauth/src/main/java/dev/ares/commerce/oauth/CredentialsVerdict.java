package dev.ares.commerce.oauth;

/** What a {@link CommerceCredentialsCheck} concluded about the credentials and the store. */
public enum CredentialsVerdict {
  /** The store accepted the signed read: the credentials work and may read the catalog. */
  OK,
  /**
   * The store refused the signature or the credentials: a wrong or mistyped key, secret or token, a
   * revoked integration, or a signature method the store does not accept.
   */
  BAD_CREDENTIALS,
  /**
   * The store says the consumer may not read products: the integration lacks the {@code
   * Magento_Catalog::products} API resource. Commerce gives the same answer to a request whose
   * {@code Authorization} header never reached it, such as one stripped by a proxy.
   */
  MISSING_PERMISSION,
  /**
   * No answer: unknown host, connection refused or reset, TLS failure, no answer within the attempt
   * timeout or the call timeout, or the check was closed during the call; {@link
   * CredentialsCheckResult#transportFailure()} says which, as a {@link
   * dev.ares.core.TransportFailure}.
   */
  STORE_NOT_REACHED,
  /**
   * The store answered something else: maintenance, throttling, a server error, an error page, a
   * redirect, a body that is not a Commerce product page, or a body larger than the check's cap.
   */
  UNEXPECTED_ANSWER
}
