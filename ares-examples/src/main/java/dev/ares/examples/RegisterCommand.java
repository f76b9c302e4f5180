package dev.ares.examples;

import dev.ares.client.AresClient;
import dev.ares.client.AresException;
import dev.ares.client.internal.ErrorText;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.client.testing.FakeAresServer;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code register [tenant.json]}: reads a tenant file (the ARES reference example when none is
 * given), validates it and registers it. Talks to {@code ARES_ENDPOINT} with {@code ARES_API_KEY},
 * {@code ARES_ENVIRONMENT_ID} and {@code ARES_GW_SIGNATURE}; without {@code ARES_ENDPOINT} it
 * starts a loopback fake ARES and registers against it over HTTP.
 */
final class RegisterCommand implements Command {

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
    return "register [tenant.json]";
  }

  @Override
  public String summary() {
    return "register a tenant (a loopback fake ARES unless ARES_ENDPOINT is set)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    TenantInput tenant;
    try {
      tenant = TenantFiles.read(args);
    } catch (BadInputException e) {
      err.println("register: " + e.getMessage());
      return BAD_INPUT;
    }
    String endpoint = env.get("ARES_ENDPOINT");
    FakeAresServer fake = null;
    if (endpoint == null || endpoint.isBlank()) {
      fake = FakeAresServer.start();
      endpoint = fake.endpoint().toString();
      err.println("register: ARES_ENDPOINT is not set; using a loopback fake ARES at " + endpoint);
    }
    try (AresClient ares = AresClient.builder()
        .endpoint(endpoint)
        .apiKey(orDefault("ARES_API_KEY", fake))
        .environmentId(orDefault("ARES_ENVIRONMENT_ID", fake))
        .gatewaySignature(orDefault("ARES_GW_SIGNATURE", fake))
        .build()) {
      RegisterTenantResult result = ares.registerTenant(tenant);
      if (result.isSuccess()) {
        out.println("tenantId: " + result.tenantId().get());
        return OK;
      }
      for (UserError e : result.userErrors()) {
        err.println("register: user error: " + ErrorText.at(e.path(), e.message()));
      }
      return REFUSED;
    } catch (AresException e) {
      err.println("register: " + e.getMessage());
      return BAD_INPUT;
    } finally {
      if (fake != null) {
        fake.close();
      }
    }
  }

  /** The variable's value; against the fake a placeholder stands in for a missing one. */
  private String orDefault(String name, FakeAresServer fake) {
    String value = env.get(name);
    if ((value == null || value.isBlank()) && fake != null) {
      return "local-" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
    return value;
  }
}
