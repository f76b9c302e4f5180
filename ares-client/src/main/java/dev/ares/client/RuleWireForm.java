package dev.ares.client;

/** How the matching rule is written in a {@code TenantInput} on the wire. Readers accept both. */
public enum RuleWireForm {
  /**
   * The form of the ARES reference: {@code "ruleType": "matchBySKU", "matchBySkuRule": {...}} or
   * {@code "ruleType": "externalMatcher", "externalMatcher": {...}}. The default.
   */
  REFERENCE,
  /**
   * The form of Adobe's newer documentation: {@code "rule": {"type": "matchBySKU",
   * "matchBySkuRule": {...}}}.
   */
  NESTED
}
