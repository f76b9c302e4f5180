package dev.ares.examples;

import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.CommerceCredentialsCheck;
import dev.ares.commerce.oauth.CredentialsCheckResult;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code check-commerce [--fake] [tenant.json]}: checks the {@code commerce} block of a tenant file
 * with one signed read-only call to the store, before the tenant is registered.
 *
 * <p>A file given on the command line is checked against its own {@code commerce.baseUrl}, never
 * against a fake unless {@code --fake} is given. With no file, the bundled sample ({@code
 * samples/tenant.json}) is used; its base URL is the reference's example host, not a store anyone
 * can reach, so the sample is always checked against the loopback fake Commerce store, started with
 * the sample's credentials. When a fake answers, stdout says so.
 */
final class CheckCommerceCommand implements Command {

  static final String SAMPLE = "/samples/tenant.json";

  @Override
  public String name() {
    return "check-commerce";
  }

  @Override
  public String usage() {
    return "check-commerce [--fake] [tenant.json]";
  }

  @Override
  public String summary() {
    return "check the Commerce credentials at the file's store (no file or --fake: a loopback fake)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args, 1, usage());
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    boolean sample = arguments.files().isEmpty();
    String name = sample ? "bundled sample " + SAMPLE : arguments.files().get(0);
    String text;
    TenantInput tenant;
    try {
      FileKind.check(sample ? null : name, FileKind.TENANT, usage());
      text = sample ? readSample() : Files.readString(Path.of(name));
      tenant = TenantFiles.parse(name, text);
    } catch (NoSuchFileException e) {
      err.println("check-commerce: no such file: " + name);
      return BAD_INPUT;
    } catch (BadInputException e) {
      err.println("check-commerce: " + e.getMessage());
      return BAD_INPUT;
    }
    if (tenant.commerce().isEmpty()) {
      err.println(
          "check-commerce: "
              + TenantFiles.describe(
                  name,
                  text,
                  List.of(FieldViolation.of("tenantInput.commerce", "is required")),
                  ""));
      return BAD_INPUT;
    }
    CommerceInput commerce = tenant.commerce().get();
    if (!sample && !arguments.fake()) {
      out.println("checking the Commerce store at " + commerce.baseUrl().orElse("(none)"));
      return check(commerce, out, err, name, text);
    }
    try (FakeCommerceServer fake = FakeCommerceServer.builder(commerce.credentials()).start()) {
      if (sample) {
        out.println(
            "bundled sample: its store "
                + commerce.baseUrl().orElse("(none)")
                + " is an example host, so checking against the loopback fake Commerce store at "
                + fake.baseUrl());
      } else {
        out.println(
            TenantFiles.oneLine(
                name
                    + ": "
                    + Arguments.FAKE
                    + ": checking against the loopback fake Commerce store at "
                    + fake.baseUrl()
                    + ", not the store at "
                    + commerce.baseUrl().orElse("(none)")));
      }
      return check(commerce.withBaseUrl(fake.baseUrl()), out, err, name, text);
    }
  }

  private static int check(
      CommerceInput commerce, PrintStream out, PrintStream err, String name, String text)
      throws IOException {
    CliNetwork network = CliNetwork.current();
    CommerceCredentialsCheck.Builder builder =
        CommerceCredentialsCheck.builder().proxy(network.proxy()).sslContext(network.sslContext());
    try (CommerceCredentialsCheck check = builder.commerce(commerce).build()) {
      CredentialsCheckResult result = check.run();
      out.println(
          "verdict: "
              + result.verdict()
              + result.httpStatus().stream()
                  .mapToObj(s -> " (HTTP " + s + ")")
                  .findFirst()
                  .orElse(""));
      out.println("message: " + result.message());
      return result.isOk() ? OK : REFUSED;
    } catch (AresValidationException e) {
      // The check names its settings under its own root; here they came from the tenant file's
      // commerce block, so point at that block's fields and lines instead.
      List<FieldViolation> inFile =
          e.violations().stream()
              .map(
                  v ->
                      FieldViolation.of(
                          v.path().replaceFirst("^commerceCredentialsCheck\\.", "commerce."),
                          v.message()))
              .collect(Collectors.toList());
      err.println("check-commerce: " + TenantFiles.describe(name, text, inFile, "tenantInput."));
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
