package dev.ares.client.model;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Nullable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The AEM Assets environment of the tenant, named by its Cloud Manager program and environment.
 * {@link AemInput#fromAuthorUrl(String)} reads both from the author URL.
 */
@Value.Immutable
abstract class AbstractAemInput {

  private static final Pattern AUTHOR_URL =
      Pattern.compile("https://author-p(\\d+)-e(\\d+)\\.adobeaemcloud\\.com/?");

  /** The Cloud Manager program id, for example {@code 11111}. */
  @Nullable
  public abstract String programId();

  /** The Cloud Manager environment id, for example {@code 222222}. */
  @Nullable
  public abstract String environmentId();

  /**
   * Reads program and environment id from an AEM author URL such as {@code
   * https://author-p11111-e222222.adobeaemcloud.com/}.
   *
   * @throws AresValidationException naming {@code authorUrl} when the URL has another shape
   */
  public static AemInput fromAuthorUrl(String authorUrl) {
    Matcher matcher =
        authorUrl == null ? null : AUTHOR_URL.matcher(authorUrl.trim().toLowerCase(Locale.ROOT));
    if (matcher == null || !matcher.matches()) {
      throw new AresValidationException(
          List.of(
              FieldViolation.of(
                  "authorUrl",
                  "must look like https://author-p<programId>-e<environmentId>.adobeaemcloud.com/")));
    }
    return AemInput.builder().programId(matcher.group(1)).environmentId(matcher.group(2)).build();
  }
}
