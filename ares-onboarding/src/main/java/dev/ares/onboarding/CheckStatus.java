package dev.ares.onboarding;

/** The outcome of one preflight check. */
public enum CheckStatus {
  /** The check found nothing wrong. */
  PASS,
  /** Registration may work, but something deserves a look (the evidence says what). */
  WARN,
  /** Registration or synchronization will fail as things are; the remediation says what to do. */
  FAIL,
  /** The check does not apply to this tenant, or its input was not given. */
  SKIPPED
}
