package dev.ares.examples;

import dev.ares.client.AresValidationException;
import dev.ares.client.FieldViolation;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.CommerceCredentialsCheck;
import dev.ares.commerce.oauth.CredentialsCheckResult;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code check-commerce [tenant.json]}: checks the {@code commerce} block of a tenant file with
 * one signed read-only call to the store, before the tenant is registered.
 *
 * <p>With no file, the bundled sample ({@code samples/tenant.json}) is used. Its base URL is the
 * reference's example host, not a store anyone can reach, so the sample is always checked against
 * the loopback fake Commerce store, started with the sample's credentials. A file given on the
 * command line is always checked against its own {@code commerce.baseUrl}.
 */
final class CheckCommerceCommand implements Command {

  static final String SAMPLE = "/samples/tenant.json";

  @Override
  public String name() {
    return "check-commerce";
  }

  @Override
  public String usage() {
    return "check-commerce [tenant.json]";
  }

  @Override
  public String summary() {
    return "check the Commerce credentials (no file: bundled sample against a loopback fake store)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    if (args.size() > 1) {
      err.println("usage: check-commerce [tenant.json]");
      return BAD_INPUT;
    }
    boolean sample = args.isEmpty();
    String name = sample ? "bundled sample " + SAMPLE : args.get(0);
    String text;
    TenantInput tenant;
    try {
      text = sample ? readSample() : Files.readString(Path.of(args.get(0)));
      tenant = TenantFiles.parse(name, text);
    } catch (NoSuchFileException e) {
      err.println("check-commerce: no such file: " + args.get(0));
      return BAD_INPUT;
    } catch (BadInputException e) {
      err.println("check-commerce: " + e.getMessage());
      return BAD_INPUT;
    }
    if (tenant.commerce().isEmpty()) {
      err.println("check-commerce: " + TenantFiles.describe(name, text,
          List.of(FieldViolation.of("tenantInput.commerce", "is required")), ""));
      return BAD_INPUT;
    }
    CommerceInput commerce = tenant.commerce().get();
    if (!sample) {
      out.println("checking the Commerce store at " + commerce.baseUrl().orElse("(none)"));
      return check(commerce, out, err, name, text);
    }
    try (FakeCommerceServer fake = FakeCommerceServer.builder(commerce.credentials()).start()) {
      out.println(
          "bundled sample: its store "
              + commerce.baseUrl().orElse("(none)")
              + " is an example host, so checking against the loopback fake Commerce store at "
              + fake.baseUrl());
      return check(commerce.withBaseUrl(fake.baseUrl()), out, err, name, text);
    }
  }

  private static int check(
      CommerceInput commerce, PrintStream out, PrintStream err, String name, String text)
      throws IOException {
    CommerceCredentialsCheck.Builder builder = CommerceCredentialsCheck.builder();
    try (CommerceCredentialsCheck check = builder.commerce(commerce).build()) {
      CredentialsCheckResult result = check.run();
      out.println(
          "verdict: "
              + result.verdict()
              + result.httpStatus().stream().mapToObj(s -> " (HTTP " + s + ")").findFirst().orElse(""));
      out.println("message: " + result.message());
      return result.isOk() ? OK : REFUSED;
    } catch (AresValidationException e) {
      err.println("check-commerce: " + TenantFiles.describe(name, text, e.violations(), "tenantInput."));
      return BAD_INPUT;
    }
  }

  private static String readSample() throws IOException {
    try (InputStream in = CheckCommerceCommand.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IOException("the bundled sample " + SAMPLE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
