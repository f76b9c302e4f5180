package dev.ares.client.model;

/** The two matching rules ARES can run for a tenant, with their names on the wire. */
public enum RuleType {
  /** Match assets to products by the SKUs in an asset metadata field. */
  MATCH_BY_SKU("matchBySKU"),
  /** Match with custom logic hosted as Adobe App Builder actions. */
  EXTERNAL_MATCHER("externalMatcher");

  private final String wireName;

  RuleType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of {@code ruleType} in the GraphQL input, for example {@code matchBySKU}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The rule type for a wire name, ignoring case ({@code matchBySKU} and {@code matchBySku} are the
   * same rule).
   *
   * @return the rule type, or {@code null} when the name is not a known rule
   */
  public static RuleType fromWireName(String name) {
    for (RuleType type : values()) {
      if (type.wireName.equalsIgnoreCase(name)) {
        return type;
      }
    }
    return null;
  }
}
