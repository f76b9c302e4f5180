package dev.ares.examples;

import dev.ares.client.AresClient;
import dev.ares.client.AresEndpoints;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.core.AresException;
import dev.ares.core.AresValidationException;
import dev.ares.core.DisplayText;
import dev.ares.core.FieldViolation;
import dev.ares.onboarding.PreflightReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code register [--fake] [tenant.json]}: reads a tenant file, validates it and registers it with
 * ARES at {@code ARES_ENDPOINT} (default {@link AresEndpoints#COMMERCE}) using {@code
 * ARES_API_KEY}, {@code ARES_ENVIRONMENT_ID} and {@code ARES_GW_SIGNATURE}; without those it exits
 * 2 naming them. With {@code --fake}, or with no file and no {@code ARES_ENDPOINT} (the bundled
 * sample, the README's first command), it registers against a loopback fake ARES over HTTP and says
 * so on stdout.
 */
final class RegisterCommand implements Command {

  /** The switch that runs the preflight first and registers only when no check failed. */
  static final String PREFLIGHT = "--preflight";

  /** What a real registration needs, in the order they are named. */
  static final List<String> CREDENTIALS =
      List.of("ARES_API_KEY", "ARES_ENVIRONMENT_ID", "ARES_GW_SIGNATURE");

  private final Map<String, String> env;

  RegisterCommand() {
    this(System.getenv());
  }

  RegisterCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "register";
  }

  @Override
  public String usage() {
    return "register [--fake] [--preflight] [tenant.json]";
  }

  @Override
  public String summary() {
    return "register a tenant with ARES (needs ARES_* variables; no file or --fake: a loopback fake)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments arguments;
    TenantInput tenant;
    List<String> rest = new ArrayList<>(args);
    boolean preflight = rest.remove(PREFLIGHT);
    try {
      arguments = Arguments.parse(rest, 1, usage());
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    try {
      FileKind.check(
          arguments.files().isEmpty() ? null : arguments.files().get(0), FileKind.TENANT, usage());
      tenant = TenantFiles.read(arguments.files());
    } catch (BadInputException e) {
      err.println("register: " + e.getMessage());
      return BAD_INPUT;
    }
    boolean sample = arguments.files().isEmpty();
    if (preflight) {
      PreflightReport report = PreflightCommand.check(tenant, null, env);
      PreflightCommand.print(report, out);
      if (!report.canRegister()) {
        err.println("register: a preflight check failed (see above); nothing was registered");
        return REFUSED;
      }
    }
    if (arguments.fake() || (sample && !isSet("ARES_ENDPOINT"))) {
      return registerOnFake(tenant, out, err);
    }
    List<String> missing = CREDENTIALS.stream().filter(name -> !isSet(name)).toList();
    if (!missing.isEmpty()) {
      err.println(
          TenantFiles.oneLine(
              "register: "
                  + (sample ? "" : arguments.files().get(0) + ": ")
                  + String.join(" and ", missing)
                  + (missing.size() == 1 ? " is" : " are")
                  + " not set: set "
                  + (missing.size() == 1 ? "it" : "them")
                  + " to register with ARES"
                  + (isSet("ARES_ENDPOINT")
                      ? ""
                      : " (ARES_ENDPOINT defaults to " + AresEndpoints.COMMERCE + ")")
                  + ", or pass "
                  + Arguments.FAKE
                  + " to try it against a loopback fake ARES"));
      return BAD_INPUT;
    }
    return register(tenant, endpoint(), env::get, out, err);
  }

  /**
   * The endpoint of a real registration: {@code ARES_ENDPOINT}, else {@link
   * AresEndpoints#COMMERCE}.
   */
  String endpoint() {
    return isSet("ARES_ENDPOINT")
        ? env.get("ARES_ENDPOINT").trim()
        : AresEndpoints.COMMERCE.toString();
  }

  private int registerOnFake(TenantInput tenant, PrintStream out, PrintStream err) {
    try (FakeAresServer fake = FakeAresServer.start()) {
      out.println(
          "fake: registering with a loopback fake ARES at "
              + fake.endpoint()
              + ", so nothing is registered with ARES");
      // The fake checks no credentials: placeholders, so no real key is sent to it.
      return register(
          tenant,
          fake.endpoint().toString(),
          name -> "local-" + name.toLowerCase(Locale.ROOT).replace('_', '-'),
          out,
          err);
    }
  }

  private int register(
      TenantInput tenant,
      String endpoint,
      Function<String, String> credential,
      PrintStream out,
      PrintStream err) {
    CliNetwork network = CliNetwork.from(env, System.getProperties());
    try (AresClient ares =
        AresClient.builder()
            .proxy(network.proxy()) // HTTPS_PROXY, NO_PROXY, or the JVM's -Dhttps.proxyHost=...
            .sslContext(network.sslContext()) // ARES_TRUST_STORE: a company CA, if any
            .endpoint(endpoint)
            .apiKey(credential.apply("ARES_API_KEY"))
            .environmentId(credential.apply("ARES_ENVIRONMENT_ID"))
            .gatewaySignature(credential.apply("ARES_GW_SIGNATURE"))
            .build()) {
      RegisterTenantResult result = ares.registerTenant(tenant);
      if (result.isSuccess()) {
        out.println("tenantId: " + result.tenantId().get());
        return OK;
      }
      for (UserError e : result.userErrors()) {
        err.println("register: user error: " + e.describe());
        err.println("  " + e.code() + ": " + DisplayText.printable(e.code().remediation()));
      }
      return REFUSED;
    } catch (AresValidationException e) {
      err.println(TenantFiles.oneLine("register: " + bySetting(e.violations())));
      return BAD_INPUT;
    } catch (AresException e) {
      err.println("register: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  /** The client's settings, by the environment variable each one comes from. */
  static final Map<String, String> VARIABLES =
      Map.of(
          "aresClient.endpoint", "ARES_ENDPOINT",
          "aresClient.apiKey", "ARES_API_KEY",
          "aresClient.environmentId", "ARES_ENVIRONMENT_ID",
          "aresClient.gatewaySignature", "ARES_GW_SIGNATURE");

  /**
   * The violations, each client setting named by its environment variable ({@code ARES_API_KEY is
   * not set} rather than {@code aresClient.apiKey is required}): the user set a variable, not a
   * builder method.
   */
  static String bySetting(List<FieldViolation> violations) {
    return violations.stream()
        .map(
            v -> {
              String variable = VARIABLES.get(v.path());
              if (variable == null) {
                return v.path() + " " + v.message();
              }
              return variable
                  + " "
                  + (v.message().equals("is required") ? "is not set" : v.message());
            })
        .collect(Collectors.joining("; "));
  }

  private boolean isSet(String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
