package dev.ares.commerce.oauth;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * The verdict of {@link CommerceSignatureVerifier} on one request, with the nonce and timestamp the
 * request carried so a server can reject replays. Holds no credential or signature.
 */
@Value.Immutable
abstract class AbstractSignatureVerification {

  /** What the verifier found. */
  public abstract VerificationOutcome outcome();

  /** The request's {@code oauth_nonce}, when the header was readable. */
  public abstract Optional<String> nonce();

  /** The request's {@code oauth_timestamp} in epoch seconds, when the header was readable. */
  public abstract OptionalLong timestamp();

  /** The request's {@code oauth_signature_method} value, when present. */
  public abstract Optional<String> signatureMethod();

  /** Whether the outcome is {@link VerificationOutcome#VALID}. */
  public boolean isValid() {
    return outcome() == VerificationOutcome.VALID;
  }
}
