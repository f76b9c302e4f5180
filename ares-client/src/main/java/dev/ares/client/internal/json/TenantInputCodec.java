package dev.ares.client.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.RuleWireForm;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.MatchingRule;
import dev.ares.client.model.RuleType;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.json.Json;
import dev.ares.core.internal.json.JsonObjectReader;
import dev.ares.core.internal.json.StrictJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Maps {@link TenantInput} to and from the JSON of the ARES reference, field by field, so that
 * field order, the two rule forms and every error path are under our control.
 *
 * <p>Internal: not part of the public API; use {@link dev.ares.client.TenantInputJson}.
 */
public final class TenantInputCodec {

  /** Shared mapper: thread-safe once configured. */
  private static final String ROOT = "tenantInput";

  private TenantInputCodec() {}

  // ---- writing ----

  /** The tenant input as a JSON object, fields in the order of the reference example. */
  public static ObjectNode toJson(TenantInput t, RuleWireForm form) {
    ObjectNode o = Json.object();
    t.enabled().ifPresent(enabled -> o.put("enabled", enabled));
    o.put("projectId", t.projectId());
    t.aem()
        .ifPresent(
            aem -> {
              ObjectNode a = o.putObject("aem");
              a.put("programId", aem.programId());
              a.put("environmentId", aem.environmentId());
            });
    t.commerce()
        .ifPresent(
            commerce -> {
              ObjectNode c = o.putObject("commerce");
              commerce.baseUrl().ifPresent(url -> c.put("baseUrl", url));
              CommerceCredentialsInput cred = commerce.credentials();
              ObjectNode k = c.putObject("credentials");
              k.put("consumerKey", cred.consumerKey());
              k.put("consumerSecret", cred.consumerSecret());
              k.put("accessToken", cred.accessToken());
              k.put("accessTokenSecret", cred.accessTokenSecret());
              commerce.extensionVersion().ifPresent(v -> c.put("extensionVersion", v));
              commerce.version().ifPresent(v -> c.put("version", v));
            });
    t.threshold().ifPresent(threshold -> o.put("threshold", threshold));
    MatchingRule rule = t.rule();
    if (form == RuleWireForm.NESTED) {
      ObjectNode r = o.putObject("rule");
      r.put("type", rule.ruleType().wireName());
      writeRuleBody(r, rule);
    } else {
      o.put("ruleType", rule.ruleType().wireName());
      writeRuleBody(o, rule);
    }
    return o;
  }

  /** {@code {"tenantInput": {...}}}: the GraphQL variables of {@code registerTenant}. */
  public static ObjectNode toVariables(TenantInput t, RuleWireForm form) {
    ObjectNode variables = Json.object();
    variables.set(ROOT, toJson(t, form));
    return variables;
  }

  private static void writeRuleBody(ObjectNode into, MatchingRule rule) {
    if (rule instanceof MatchBySkuRuleInput bySku) {
      into.putObject("matchBySkuRule").put("metadataField", bySku.metadataField());
    } else {
      ExternalMatcherInput m = (ExternalMatcherInput) rule;
      ObjectNode e = into.putObject("externalMatcher");
      e.put("assetToProductUrl", m.assetToProductUrl());
      e.put("productToAssetUrl", m.productToAssetUrl());
      ExternalMatcherCredentialsInput cred = m.credentials();
      ObjectNode k = e.putObject("credentials");
      k.put("oauthServerUrl", cred.oauthServerUrl());
      k.put("clientId", cred.clientId());
      k.put("clientSecret", cred.clientSecret());
      k.put("imsOrgId", cred.imsOrgId());
    }
  }

  // ---- reading ----

  /**
   * Parses text holding a tenant input, bare or as {@code {"tenantInput": {...}}}, read by {@link
   * StrictJson}: a key given twice, content after the value and a number out of range are refused.
   */
  public static TenantInput read(String json) {
    JsonNode node;
    try {
      node = StrictJson.read(json, ROOT);
    } catch (AresValidationException e) {
      throw underRoot(e);
    }
    return fromJson(node);
  }

  /**
   * Reads a tenant input at the parser's current token, as {@link #read} does, for a caller's
   * {@code ObjectMapper}.
   */
  public static TenantInput read(JsonParser p) throws IOException {
    JsonNode node;
    try {
      node = StrictJson.readValue(p, ROOT);
    } catch (AresValidationException e) {
      throw underRoot(e);
    }
    return fromJson(node);
  }

  /** Problems in the variables form named as in the bare form: {@code tenantInput.projectId}. */
  private static AresValidationException underRoot(AresValidationException e) {
    String doubled = ROOT + "." + ROOT + ".";
    List<FieldViolation> renamed = new ArrayList<>();
    for (FieldViolation v : e.violations()) {
      renamed.add(
          v.path().startsWith(doubled)
              ? FieldViolation.of(v.path().substring(ROOT.length() + 1), v.message())
              : v);
    }
    return new AresValidationException(renamed);
  }

  /** Reads a tenant input from a JSON tree, bare or in the variables form. */
  public static TenantInput fromJson(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new AresValidationException(List.of(FieldViolation.of(ROOT, "is required")));
    }
    if (node.isObject() && node.size() == 1 && node.has(ROOT)) {
      node = node.get(ROOT);
    }
    List<FieldViolation> violations = new ArrayList<>();
    JsonObjectReader in = JsonObjectReader.of(node, ROOT, violations);
    if (in == null) {
      throw new AresValidationException(violations);
    }
    StandIns standIns = new StandIns();
    TenantInput.Builder b = TenantInput.builder();
    Boolean enabled = in.bool("enabled");
    if (enabled != null) {
      b.enabled(enabled);
    }
    b.projectId(in.string("projectId"));
    JsonObjectReader aem = in.object("aem");
    if (aem != null) {
      b.aem(
          AemInput.builder()
              .programId(aem.string("programId"))
              .environmentId(aem.string("environmentId"))
              .build());
      aem.rejectUnknownFields();
    }
    JsonObjectReader commerce = in.object("commerce");
    if (commerce != null) {
      b.commerce(readCommerce(commerce, standIns));
    }
    Integer threshold = in.integer("threshold");
    if (threshold != null) {
      b.threshold(threshold);
    }
    b.rule(readRule(in, violations, standIns));
    in.rejectUnknownFields();

    try {
      TenantInput built = b.build();
      if (violations.isEmpty() && standIns.isEmpty()) {
        return built;
      }
    } catch (AresValidationException e) {
      for (FieldViolation v : e.violations()) {
        violations.addAll(standIns.replace(v));
      }
    }
    violations.addAll(standIns.left());
    throw new AresValidationException(new ArrayList<>(new LinkedHashSet<>(violations)));
  }

  private static CommerceInput readCommerce(JsonObjectReader c, StandIns standIns) {
    CommerceInput.Builder b = CommerceInput.builder();
    b.baseUrl(c.string("baseUrl"));
    JsonObjectReader cred = c.object("credentials");
    if (cred != null) {
      b.credentials(
          standIns.built(
              () ->
                  CommerceCredentialsInput.builder()
                      .consumerKey(cred.string("consumerKey"))
                      .consumerSecret(cred.string("consumerSecret"))
                      .accessToken(cred.string("accessToken"))
                      .accessTokenSecret(cred.string("accessTokenSecret"))
                      .build(),
              ROOT + ".commerce.credentials",
              cred.path()));
      cred.rejectUnknownFields();
    }
    b.extensionVersion(c.string("extensionVersion"));
    b.version(c.string("version"));
    c.rejectUnknownFields();
    return b.build();
  }

  private static MatchingRule readRule(
      JsonObjectReader tenant, List<FieldViolation> violations, StandIns standIns) {
    JsonObjectReader holder = tenant;
    String typeField = "ruleType";
    if (tenant.has("rule") && !tenant.has("ruleType")) {
      holder = tenant.object("rule");
      typeField = "type";
      if (holder == null) {
        standIns.put(ROOT + ".rule", List.of()); // "must be an object" is noted
        return null;
      }
    }
    String typeName = holder.string(typeField);
    String typePath = holder.path() + "." + typeField;
    RuleType type = typeName == null ? null : RuleType.fromWireName(typeName);
    if (typeName != null && type == null) {
      violations.add(FieldViolation.of(typePath, "must be matchBySKU or externalMatcher"));
    }
    MatchingRule rule = null;
    if (type == RuleType.MATCH_BY_SKU) {
      rule = readMatchBySku(holder);
      rejectOther(holder, "externalMatcher", typeName, violations);
    } else if (type == RuleType.EXTERNAL_MATCHER) {
      if (!holder.has("externalMatcher")) {
        violations.add(
            FieldViolation.of(
                holder.path() + ".externalMatcher",
                "is required when " + typeField + " is externalMatcher"));
      }
      rule = readExternalMatcher(holder, standIns);
      rejectOther(holder, "matchBySkuRule", typeName, violations);
    } else {
      // Read both so they are not reported as unknown on top of the missing type.
      holder.raw("matchBySkuRule");
      holder.raw("externalMatcher");
      // In a file the rule is its type field: name that, not the builder's rule(...).
      boolean absent = typeName == null && !holder.has(typeField);
      standIns.put(
          ROOT + ".rule", absent ? List.of(FieldViolation.of(typePath, "is required")) : List.of());
    }
    if (holder != tenant) {
      holder.rejectUnknownFields();
    }
    return rule;
  }

  private static void rejectOther(
      JsonObjectReader holder, String other, String typeName, List<FieldViolation> violations) {
    if (holder.raw(other) != null) {
      violations.add(
          FieldViolation.of(
              holder.path() + "." + other, "is not allowed when the rule type is " + typeName));
    }
  }

  /** {@code "matchBySkuRule": {}} (or no such object) is the default field, commerce:skus. */
  private static MatchBySkuRuleInput readMatchBySku(JsonObjectReader holder) {
    JsonObjectReader r = holder.object("matchBySkuRule");
    if (r == null) {
      return MatchBySkuRuleInput.commerceSkus();
    }
    MatchBySkuRuleInput.Builder b = MatchBySkuRuleInput.builder();
    String field = r.string("metadataField");
    if (field != null || r.has("metadataField")) {
      b.metadataField(field);
    }
    r.rejectUnknownFields();
    return b.build();
  }

  private static ExternalMatcherInput readExternalMatcher(
      JsonObjectReader holder, StandIns standIns) {
    ExternalMatcherInput.Builder b = ExternalMatcherInput.builder();
    JsonObjectReader m = holder.object("externalMatcher");
    if (m == null) {
      return b.build();
    }
    b.assetToProductUrl(m.string("assetToProductUrl"));
    b.productToAssetUrl(m.string("productToAssetUrl"));
    JsonObjectReader cred = m.object("credentials");
    if (cred != null) {
      b.credentials(
          standIns.built(
              () ->
                  ExternalMatcherCredentialsInput.builder()
                      .oauthServerUrl(cred.string("oauthServerUrl"))
                      .clientId(cred.string("clientId"))
                      .clientSecret(cred.string("clientSecret"))
                      .imsOrgId(cred.string("imsOrgId"))
                      .build(),
              ROOT + ".externalMatcher.credentials",
              cred.path()));
      cred.rejectUnknownFields();
    }
    m.rejectUnknownFields();
    return b.build();
  }

  /**
   * Problems found while reading a part that checks itself when built (credentials) or that a file
   * names otherwise than the builder (the rule's type field). The tenant then misses that part and
   * reports it as required; these problems stand in for that report, at its place in field order.
   */
  private static final class StandIns {

    private final Map<String, List<FieldViolation>> byTenantPath = new LinkedHashMap<>();

    /**
     * The part {@code build} makes, or {@code null} when it refuses: its problems are then named
     * under {@code filePath} and stand in for the tenant's {@code tenantPath is required}.
     */
    <T> T built(Supplier<T> build, String tenantPath, String filePath) {
      try {
        return build.get();
      } catch (AresValidationException e) {
        List<FieldViolation> renamed = new ArrayList<>();
        for (FieldViolation v : e.violations()) {
          int dot = v.path().indexOf('.');
          renamed.add(
              FieldViolation.of(filePath + (dot < 0 ? "" : v.path().substring(dot)), v.message()));
        }
        put(tenantPath, renamed);
        return null;
      }
    }

    void put(String tenantPath, List<FieldViolation> problems) {
      byTenantPath.put(tenantPath, problems);
    }

    boolean isEmpty() {
      return byTenantPath.isEmpty();
    }

    /** The problems standing in for this one of the tenant's, or the problem itself. */
    List<FieldViolation> replace(FieldViolation tenantProblem) {
      List<FieldViolation> standIn = byTenantPath.remove(tenantProblem.path());
      return standIn == null ? List.of(tenantProblem) : standIn;
    }

    /** Problems the tenant did not report a stand-in place for; never lost. */
    List<FieldViolation> left() {
      List<FieldViolation> left = new ArrayList<>();
      byTenantPath.values().forEach(left::addAll);
      byTenantPath.clear();
      return left;
    }
  }
}
