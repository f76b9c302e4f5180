package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.extractors.BaseStringExtractor;
import com.github.scribejava.core.services.SignatureService;
import com.github.scribejava.core.services.TimestampService;

/**
 * ScribeJava's description of Adobe Commerce as an OAuth 1.0a provider, wired to our base string,
 * signature and nonce services. Only request signing is used: the token endpoints are the ones of
 * Commerce's integration activation flow and are never called by the SDK.
 *
 * <p>The signer no longer signs through ScribeJava ({@link RequestSignatures} builds the same
 * header in one pass); this wiring is the reference its tests compare it with.
 *
 * <p>Internal: not part of the public API.
 */
public final class CommerceApi extends DefaultApi10a {

  private static final BaseStringExtractor BASE_STRINGS = new Rfc5849BaseStringExtractor();

  private final SignatureService signatures;
  private final TimestampService timestamps;

  /** An API signing with {@code signatures} and stamping with {@code timestamps}. */
  public CommerceApi(SignatureService signatures, TimestampService timestamps) {
    this.signatures = signatures;
    this.timestamps = timestamps;
  }

  @Override
  public BaseStringExtractor getBaseStringExtractor() {
    return BASE_STRINGS;
  }

  @Override
  public SignatureService getSignatureService() {
    return signatures;
  }

  @Override
  public TimestampService getTimestampService() {
    return timestamps;
  }

  @Override
  public String getRequestTokenEndpoint() {
    return "/oauth/token/request";
  }

  @Override
  public String getAccessTokenEndpoint() {
    return "/oauth/token/access";
  }

  @Override
  protected String getAuthorizationBaseUrl() {
    return "/admin/oauth_authorize";
  }
}
