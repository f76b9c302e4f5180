package dev.ares.matcher.server;

/**
 * Decides whether a bearer token lets its holder call a hosted matcher. {@link
 * ImsAccessTokenValidator} checks Adobe IMS access tokens; tests may pass a lambda.
 *
 * <p>Implementations are thread-safe and may block briefly (a hosted matcher calls them on its
 * worker threads, never on the I/O thread). They never put the token into a message or a log line.
 */
@FunctionalInterface
public interface AccessTokenValidator {

  /**
   * Returns when {@code token} (the text after {@code Bearer }) is accepted.
   *
   * @throws InvalidAccessTokenException when it is not, with the reason
   */
  void validate(String token) throws InvalidAccessTokenException;
}
