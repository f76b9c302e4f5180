package dev.ares.client.model;

/**
 * The matching rule of a tenant: exactly one of {@link MatchBySkuRuleInput} or {@link
 * ExternalMatcherInput}. Being one typed value, a tenant can never carry both rules or neither.
 */
public sealed interface MatchingRule
    permits AbstractMatchBySkuRuleInput, AbstractExternalMatcherInput {

  /** Which rule this is; decides {@code ruleType} on the wire. */
  RuleType ruleType();
}
