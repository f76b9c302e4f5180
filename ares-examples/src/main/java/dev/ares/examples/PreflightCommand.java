package dev.ares.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ares.client.model.TenantInput;
import dev.ares.onboarding.AresHeaders;
import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.Preflight;
import dev.ares.onboarding.PreflightReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code preflight [--json] [tenant.json [assets.jsonl]]}: checks a tenant file before it is
 * registered (Commerce, AEM, the external matcher, the assets of an export when given and, when the
 * {@code ARES_*} variables are set, the ARES headers) and prints the checklist, or one JSON object
 * with {@code --json}. Exit 0 when nothing failed (warnings allowed), 1 when a check failed, 2 for
 * bad input. {@code ARES_AEM_AUTHOR_URL_TEMPLATE} replaces Adobe's author host template, to check
 * against a stand-in. With no file, the bundled samples run against loopback fakes with one planted
 * failure ({@link PreflightSamples}), so the exit is 1.
 */
final class PreflightCommand implements Command {

  static final String JSON = "--json";

  private final Map<String, String> env;

  PreflightCommand() {
    this(System.getenv());
  }

  PreflightCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "preflight";
  }

  @Override
  public String usage() {
    return "preflight [--json] [tenant.json [assets.jsonl]]";
  }

  @Override
  public String summary() {
    return "check a tenant before registering it (no file: the bundled samples on loopback fakes)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    List<String> rest = new ArrayList<>(args);
    boolean json = rest.remove(JSON);
    Arguments arguments;
    TenantInput tenant;
    try {
      arguments = Arguments.parse(rest, 2, usage());
      if (arguments.fake()) {
        throw new BadInputException("usage: " + usage());
      }
      if (arguments.files().isEmpty()) {
        return PreflightSamples.run(json, out, err);
      }
      FileKind.check(arguments.files().get(0), FileKind.TENANT, usage());
      tenant = TenantFiles.read(arguments.files().subList(0, 1));
    } catch (BadInputException e) {
      err.println("preflight: " + e.getMessage());
      return BAD_INPUT;
    }
    String assetsFile = arguments.files().size() > 1 ? arguments.files().get(1) : null;
    if (assetsFile != null) {
      FileKind.check(assetsFile, FileKind.ASSETS, usage());
      TenantMatcher.checkAssets(assetsFile); // a bad line is bad input, named by file and line
    }
    PreflightReport report = check(tenant, assetsFile, env);
    if (json) {
      out.println(json(report));
    } else {
      print(report, out);
    }
    return report.canRegister() ? OK : REFUSED;
  }

  /**
   * Runs the preflight of {@code tenant} (and of the assets of {@code assetsFile} when not {@code
   * null}), with the ARES headers of {@code env} when any is set and its {@code
   * ARES_AEM_AUTHOR_URL_TEMPLATE}; also what {@code register --preflight} runs.
   */
  static PreflightReport check(TenantInput tenant, String assetsFile, Map<String, String> env) {
    Preflight.Builder preflight =
        Preflight.builder()
            .tenant(tenant)
            .httpOptions(
                CliNetwork.from(env, System.getProperties())
                    .applyTo(Preflight.defaultHttpOptions()));
    if (assetsFile != null) {
      preflight.assets(
          () -> {
            try {
              return TenantMatcher.assets(assetsFile);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    if (RegisterCommand.CREDENTIALS.stream().anyMatch(env::containsKey)) {
      preflight.aresHeaders(
          AresHeaders.builder()
              .apiKey(env.get("ARES_API_KEY"))
              .environmentId(env.get("ARES_ENVIRONMENT_ID"))
              .gatewaySignature(env.get("ARES_GW_SIGNATURE"))
              .build());
    }
    String template = env.get("ARES_AEM_AUTHOR_URL_TEMPLATE");
    if (template != null) {
      preflight.aemAuthorUrlTemplate(template);
    }
    return preflight.build().run();
  }

  /** The checklist, one printable line per line of the report. */
  static void print(PreflightReport report, PrintStream out) {
    report.toText().lines().map(TenantFiles::oneLine).forEach(out::println);
  }

  /** The report as one JSON object; every text is a JSON string, so escapes keep it one line. */
  static String json(PreflightReport report) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("verdict", report.verdict().name());
      g.writeBooleanField("canRegister", report.canRegister());
      g.writeArrayFieldStart("checks");
      for (CheckResult check : report.checks()) {
        g.writeStartObject();
        g.writeStringField("id", check.id());
        g.writeStringField("status", check.status().name());
        g.writeStringField("checked", check.checked());
        g.writeStringField("evidence", check.evidence());
        if (check.remediation().isPresent()) {
          g.writeStringField("remediation", check.remediation().get());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return TenantFiles.oneLine(text.toString());
  }
}
