package dev.ares.matcher.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.WireTextRules;
import dev.ares.matcher.server.InvalidAccessTokenException.Reason;
import dev.ares.matcher.server.internal.ImsKeyStore;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Accepts Adobe IMS access tokens issued to one client.
 *
 * <p>IMS access tokens are JWS compact tokens signed with RS256. The header names the signing key
 * by file name in {@code x5u} (for example {@code ims_na1-key-at-1.cer}), an X.509 certificate
 * published under a key location ({@value #PRODUCTION_KEYS_URL} for production). The claims carry
 * {@code type: "access_token"}, {@code client_id}, the issuing IMS in {@code as} ({@value
 * #PRODUCTION_ISSUER} for production, {@value #STAGE_ISSUER} for stage), and {@code created_at} and
 * {@code expires_in} in milliseconds, as strings (IMS issues tokens for 24 hours). A token is
 * accepted when all of these hold:
 *
 * <ul>
 *   <li>the header's {@code alg} is RS256 (no {@code none}, no HMAC, nothing else);
 *   <li>{@code x5u} is a bare file name (no scheme, host, path or {@code ..}), resolved against the
 *       configured {@linkplain Builder#keysBaseUrl key location};
 *   <li>the signature verifies with that certificate's RSA key;
 *   <li>{@code type} is {@code access_token} and {@code client_id} is the expected client;
 *   <li>{@code as} is one of the {@linkplain Builder#issuers accepted issuers} (default {@value
 *       #PRODUCTION_ISSUER} only);
 *   <li>{@code expires_in} is at most the {@linkplain Builder#maxLifetime longest lifetime}
 *       (default 24 hours): a token claiming a longer one is refused, never clamped;
 *   <li>now lies within {@code [created_at, created_at + expires_in]}, widened by the {@linkplain
 *       Builder#clockSkew clock skew}: a token created further in the future, or already expired,
 *       is refused. Numbers too large to hold are read as the largest, never overflowed.
 * </ul>
 *
 * <p>The claims are checked before any key is fetched, so only a token that would be accepted if
 * its signature verified can cause a fetch. Keys are cached: a key is fetched once and reused for
 * {@linkplain Builder#keyMaxAge its max age}; only a 404 or 410 withdraws a known key. A key that
 * cannot be had is asked for again at most once per {@linkplain Builder#keyRetryInterval retry
 * interval}, failed names never push out known keys, and at most 8 fetches per interval are spent
 * on names of any shape, with 4 more kept for {@linkplain Builder#expectedKeyNames names shaped as
 * IMS names its keys}. Every fetch has a {@linkplain Builder#keyFetchTimeout timeout} and reads at
 * most 64 KiB. Thread-safe; {@link #close()} releases the HTTP connections.
 *
 * <pre>{@code
 * ImsAccessTokenValidator validator = ImsAccessTokenValidator.builder(clientId).build();
 * }</pre>
 */
public final class ImsAccessTokenValidator implements AccessTokenValidator, AutoCloseable {

  /** Where IMS publishes the certificates of its production access-token keys. */
  public static final String PRODUCTION_KEYS_URL = "https://static.adobelogin.com/keys/prod/";

  /** Tokens longer than this are refused unread. */
  public static final int MAX_TOKEN_CHARS = 16 * 1024;

  /** The {@code as} claim of tokens issued by production IMS ({@code ims-na1.adobelogin.com}). */
  public static final String PRODUCTION_ISSUER = "ims-na1";

  /** The {@code as} claim of tokens issued by IMS stage ({@code ims-na1-stg1.adobelogin.com}). */
  public static final String STAGE_ISSUER = "ims-na1-stg1";

  /** The longest token lifetime accepted by default: IMS issues access tokens for 24 hours. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /** What an issuer name may look like. */
  private static final Pattern ISSUER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final Duration MAX_INTERVAL = Duration.ofDays(7);

  private final String expectedClientId;
  private final Set<String> issuers;
  private final long maxLifetimeMillis;
  private final Duration clockSkew;
  private final Clock clock;
  private final ImsKeyStore keys;
  private final String description;

  private ImsAccessTokenValidator(Builder b, URI base) {
    this.expectedClientId = b.expectedClientId;
    this.issuers = Set.copyOf(b.issuers);
    this.maxLifetimeMillis = b.maxLifetime.toMillis();
    this.clockSkew = b.clockSkew;
    this.clock = b.clock;
    this.keys =
        new ImsKeyStore(
            base, b.expectedKeyNames, b.keyFetchTimeout, b.keyMaxAge, b.keyRetryInterval, b.clock);
    this.description =
        "ImsAccessTokenValidator{clientId="
            + expectedClientId
            + ", issuers="
            + new TreeSet<>(issuers)
            + ", keys="
            + base
            + "}";
  }

  /** A builder for a validator accepting tokens issued to {@code expectedClientId}. */
  public static Builder builder(String expectedClientId) {
    return new Builder(expectedClientId);
  }

  /** {@inheritDoc} */
  @Override
  public void validate(String token) throws InvalidAccessTokenException {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidAccessTokenException(Reason.MALFORMED, "the token is empty or too long");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      // An alg of "none" makes a plain JWT, which is not a SignedJWT: refused here too.
      throw new InvalidAccessTokenException(
          isUnsecured(token) ? Reason.ALGORITHM : Reason.MALFORMED,
          "the token is not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      throw new InvalidAccessTokenException(Reason.ALGORITHM, "only RS256 is accepted");
    }
    URI x5u = header.getX509CertURL();
    String keyName = x5u == null ? null : x5u.toString();
    if (!ImsKeyStore.isKeyName(keyName)) {
      throw new InvalidAccessTokenException(
          Reason.KEY_REFERENCE, "x5u must name a key file at the key location");
    }
    // The claims are checked while still unverified, before a key is looked up or fetched: a token
    // that would be refused anyway costs no fetch. They are the signed claims, so verifying the
    // signature afterwards makes the check final.
    if (!"access_token".equals(claims.getClaim("type"))) {
      throw new InvalidAccessTokenException(Reason.WRONG_TYPE, "the token is not an access token");
    }
    if (!expectedClientId.equals(claims.getClaim("client_id"))) {
      throw new InvalidAccessTokenException(
          Reason.WRONG_CLIENT, "the token was issued to another client");
    }
    Object issuer = claims.getClaim("as");
    if (!(issuer instanceof String name) || !issuers.contains(name)) {
      throw new InvalidAccessTokenException(
          Reason.WRONG_ISSUER, "the token was not issued by an accepted IMS");
    }
    checkLifetime(claims);
    RSAPublicKey key = keys.key(keyName);
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw new InvalidAccessTokenException(Reason.SIGNATURE, "the signature does not verify");
      }
    } catch (JOSEException e) {
      throw new InvalidAccessTokenException(Reason.SIGNATURE, "the signature cannot be checked");
    }
  }

  private void checkLifetime(JWTClaimsSet claims) throws InvalidAccessTokenException {
    long createdAt = millis(claims.getClaim("created_at"), "created_at");
    long expiresIn = millis(claims.getClaim("expires_in"), "expires_in");
    if (expiresIn > maxLifetimeMillis) {
      throw new InvalidAccessTokenException(
          Reason.LIFETIME_TOO_LONG,
          "the token's lifetime is longer than " + maxLifetimeMillis + " ms");
    }
    long now = clock.millis();
    long skew = clockSkew.toMillis();
    if (now < createdAt - skew) { // createdAt >= 0 and skew is small: no underflow
      throw new InvalidAccessTokenException(
          Reason.NOT_YET_VALID, "the token's lifetime has not begun");
    }
    // expiresIn and skew are small now; createdAt may have been read as Long.MAX_VALUE.
    long expiresAt = saturatedAdd(saturatedAdd(createdAt, expiresIn), skew);
    if (now > expiresAt) {
      throw new InvalidAccessTokenException(Reason.EXPIRED, "the token has expired");
    }
  }

  /**
   * A millisecond count given as a string of digits (as IMS writes it) or a JSON integer (which the
   * JWT parser always reads as a {@code Long}); one too large to hold is read as {@link
   * Long#MAX_VALUE} (an {@code expires_in} that large is then refused as too long, a {@code
   * created_at} as not yet valid).
   */
  private static long millis(Object value, String claim) throws InvalidAccessTokenException {
    if (value instanceof Long n && n >= 0) {
      return n;
    }
    if (value instanceof String s
        && !s.isEmpty()
        && s.length() <= 64
        && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      String digits = s.replaceFirst("^0+(?=.)", "");
      return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
    throw new InvalidAccessTokenException(
        Reason.MALFORMED, claim + " must be a non-negative count of milliseconds");
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0
        ? Long.MAX_VALUE
        : sum; // both are >= 0: only overflow upward
  }

  /** Whether the token parses as an unsecured JWT ({@code "alg": "none"}). */
  private static boolean isUnsecured(String token) {
    try {
      return JWTParser.parse(token) instanceof PlainJWT;
    } catch (ParseException e) {
      return false;
    }
  }

  /** Releases the key fetcher's HTTP connections. */
  @Override
  public void close() {
    keys.close();
  }

  @Override
  public String toString() {
    return description;
  }

  /** Configures an {@link ImsAccessTokenValidator}; not thread-safe. */
  public static final class Builder {
    private final String expectedClientId;
    private Collection<String> issuers = List.of(PRODUCTION_ISSUER);
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private String keysBaseUrl = PRODUCTION_KEYS_URL;
    private Duration keyFetchTimeout = Duration.ofSeconds(5);
    private Duration keyMaxAge = Duration.ofHours(6);
    private Duration keyRetryInterval = Duration.ofMinutes(1);
    private Duration clockSkew = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Pattern expectedKeyNames = ImsKeyStore.IMS_KEY_NAMES;

    private Builder(String expectedClientId) {
      this.expectedClientId = expectedClientId;
    }

    /**
     * Where the key certificates are published (default {@value #PRODUCTION_KEYS_URL}): https, or
     * http on a loopback address for tests.
     */
    public Builder keysBaseUrl(String url) {
      this.keysBaseUrl = url;
      return this;
    }

    /**
     * The IMS instances whose tokens are accepted, by the {@code as} claim they write (default
     * {@value #PRODUCTION_ISSUER} only). For IMS stage, {@value #STAGE_ISSUER} with the stage key
     * location. Replaces the previous set; at least one, each letters, digits, {@code .}, {@code _}
     * or {@code -}, at most 64 characters.
     */
    public Builder issuers(Collection<String> issuers) {
      this.issuers = issuers;
      return this;
    }

    /** The same as {@link #issuers(Collection)}. */
    public Builder issuers(String... issuers) {
      return issuers(issuers == null ? null : Arrays.asList(issuers));
    }

    /**
     * The longest lifetime ({@code expires_in}) a token may claim (default 24 h, at most 7 days); a
     * token claiming a longer one is refused however recent it is.
     */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = maxLifetime;
      return this;
    }

    /** The limit on one key fetch, connection to last byte (default 5 s, at most 1 min). */
    public Builder keyFetchTimeout(Duration timeout) {
      this.keyFetchTimeout = timeout;
      return this;
    }

    /** How long a fetched key is used before it is fetched again (default 6 h, at most 7 days). */
    public Builder keyMaxAge(Duration maxAge) {
      this.keyMaxAge = maxAge;
      return this;
    }

    /**
     * How long a key that could not be fetched is not asked for again (default 1 min, at most 7
     * days); also the window of the fetch budget.
     */
    public Builder keyRetryInterval(Duration interval) {
      this.keyRetryInterval = interval;
      return this;
    }

    /**
     * The leeway for clocks that differ, on both ends of a lifetime (default 30 s, at most 5 min).
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = skew;
      return this;
    }

    /**
     * The shape of the key names IMS uses (default {@code ims_<region>-key-at-<n>.cer}, such as
     * {@code ims_na1-key-at-1.cer}): fetches of such names have a reserved part of the fetch
     * budget, so tokens naming made-up keys cannot starve the fetch of a new real key.
     */
    public Builder expectedKeyNames(Pattern pattern) {
      this.expectedKeyNames = pattern;
      return this;
    }

    /** The clock lifetimes are checked against (default the system clock); for tests. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The validator.
     *
     * @throws AresValidationException listing every bad setting
     */
    public ImsAccessTokenValidator build() {
      List<FieldViolation> problems = new ArrayList<>();
      if (expectedClientId == null || expectedClientId.isBlank()) {
        problems.add(FieldViolation.of("expectedClientId", "is required"));
      } else if (!WireTextRules.isVisibleAscii(expectedClientId)) {
        problems.add(
            FieldViolation.of("expectedClientId", "must be printable ASCII without spaces"));
      }
      URI base = baseUrl(problems);
      if (issuers == null
          || issuers.isEmpty()
          || issuers.stream().anyMatch(i -> i == null || !ISSUER.matcher(i).matches())) {
        problems.add(
            FieldViolation.of(
                "issuers",
                "must name one or more IMS instances such as "
                    + PRODUCTION_ISSUER
                    + " (letters, digits, '.', '_' or '-', at most 64 each)"));
      }
      duration(problems, "maxLifetime", maxLifetime, MAX_INTERVAL);
      duration(problems, "keyFetchTimeout", keyFetchTimeout, MAX_TIMEOUT);
      duration(problems, "keyMaxAge", keyMaxAge, MAX_INTERVAL);
      duration(problems, "keyRetryInterval", keyRetryInterval, MAX_INTERVAL);
      if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
        problems.add(FieldViolation.of("clockSkew", "must be between 0 and " + MAX_SKEW));
      }
      if (clock == null) {
        problems.add(FieldViolation.of("clock", "is required"));
      }
      if (expectedKeyNames == null) {
        problems.add(FieldViolation.of("expectedKeyNames", "is required"));
      }
      if (!problems.isEmpty()) {
        throw new AresValidationException(problems);
      }
      return new ImsAccessTokenValidator(this, base);
    }

    private URI baseUrl(List<FieldViolation> problems) {
      try {
        URI uri = new URI(Objects.requireNonNull(keysBaseUrl));
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
            || uri.getHost() == null
            || uri.getRawQuery() != null
            || uri.getRawFragment() != null
            || uri.getRawUserInfo() != null) {
          problems.add(
              FieldViolation.of(
                  "keysBaseUrl",
                  "must be an absolute http(s) URL without query, fragment or user info"));
          return null;
        }
        if ("http".equalsIgnoreCase(scheme) && !isLoopback(uri.getHost())) {
          // A key fetched over plain HTTP could be swapped in transit, and with it every token.
          problems.add(
              FieldViolation.of(
                  "keysBaseUrl", "must be https (plain http only on a loopback address)"));
          return null;
        }
        String path =
            uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.resolve(path.endsWith("/") ? path : path + "/");
      } catch (java.net.URISyntaxException | NullPointerException e) {
        problems.add(FieldViolation.of("keysBaseUrl", "must be an absolute http(s) URL"));
        return null;
      }
    }

    private static boolean isLoopback(String host) {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      if (h.equalsIgnoreCase("localhost")) {
        return true;
      }
      // Only literal addresses are taken: no name lookup while building.
      if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
        return false;
      }
      try {
        return java.net.InetAddress.getByName(h).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }

    private static void duration(
        List<FieldViolation> problems, String name, Duration value, Duration max) {
      if (value == null || value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
        problems.add(FieldViolation.of(name, "must be positive and at most " + max));
      }
    }
  }
}
