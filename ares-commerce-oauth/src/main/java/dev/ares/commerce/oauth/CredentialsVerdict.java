package dev.ares.commerce.oauth;

/** What a {@link CommerceCredentialsCheck} concluded about the credentials and the store. */
public enum CredentialsVerdict {
  /** The store accepted the signed read: the credentials work and may read the catalog. */
  OK,
  /**
   * The store refused the signature or the credentials: a wrong or mistyped key, secret or token,
   * a revoked integration, or a signature method the store does not accept.
   */
  BAD_CREDENTIALS,
  /**
   * The store says the consumer may not read products: the integration lacks the {@code
   * Magento_Catalog::products} API resource. Commerce gives the same answer to a request whose
   * {@code Authorization} header never reached it, such as one stripped by a proxy.
   */
  MISSING_PERMISSION,
  /** No answer: unknown host, connection refused, TLS failure or timeout. */
  STORE_NOT_REACHED,
  /** The store answered something else: maintenance, an error page, a redirect, not Commerce. */
  UNEXPECTED_ANSWER
}
