package dev.ares.matcher.server;

import java.util.Objects;

/**
 * A bearer token that a hosted matcher refuses, with the {@link Reason}. The message names the
 * reason only: never the token, and never values taken from it.
 */
public final class InvalidAccessTokenException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not a signed JWT, too long, or its claims are not of the expected kinds. */
    MALFORMED,
    /** The header names an algorithm other than the one pinned (RS256), or none. */
    ALGORITHM,
    /** The header's key reference is missing or points outside the configured key location. */
    KEY_REFERENCE,
    /** The key location does not publish the referenced key. */
    UNKNOWN_KEY,
    /** The keys could not be fetched now (timeout, network, server error): try again later. */
    KEYS_UNAVAILABLE,
    /** The signature does not verify with the referenced key. */
    SIGNATURE,
    /** The token is not an access token. */
    WRONG_TYPE,
    /** The token was issued to another client. */
    WRONG_CLIENT,
    /** The token was not issued by an accepted IMS ({@code as} claim missing or not accepted). */
    WRONG_ISSUER,
    /** The token's lifetime has ended. */
    EXPIRED,
    /** The token's lifetime has not begun. */
    NOT_YET_VALID,
    /** The token claims a lifetime longer than the validator accepts. */
    LIFETIME_TOO_LONG,
    /** The token is not one the validator knows (for validators that keep a list). */
    NOT_ACCEPTED
  }

  private final Reason reason;

  /** A refusal for {@code reason}, described by {@code message} (which must hold no token data). */
  public InvalidAccessTokenException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }
}
