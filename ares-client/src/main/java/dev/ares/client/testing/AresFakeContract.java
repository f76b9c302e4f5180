package dev.ares.client.testing;

import dev.ares.client.AresClient;
import dev.ares.client.AresGraphQlException;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.client.model.UserErrorCode;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The contract both fakes keep: the same scenarios (success, {@code Tenant already exists}, the
 * header errors, the documented user errors, throttling, retries, timeouts, dropped connections,
 * GraphQL errors, invalid input) give the same outcome, seen through the real {@link AresClient},
 * whether the fake is {@link InMemoryAresClient} or {@link FakeAresServer} over loopback HTTP, and
 * whether the client calls {@code registerTenant} ({@link Scenario#check}) or {@code
 * registerTenantAsync} ({@link Scenario#checkAsync}). Framework-free: each {@link Scenario#check}
 * throws {@link AssertionError} on a difference, so any test framework can run it, and a fake of
 * your own can be held to it through {@link Subject}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> inMemoryKeepsTheContract() {
 *   return AresFakeContract.scenarios().stream()
 *       .map(s -> DynamicTest.dynamicTest(s.name(), () -> s.check(AresFakeContract::inMemory)));
 * }
 * }</pre>
 */
public final class AresFakeContract {

  /**
   * The HTTP settings every scenario runs with: three attempts, backoff of 1 to 2 ms, {@code
   * Retry-After} up to 1 s, a 2 s attempt timeout (a loaded machine's first call fits), no log
   * lines.
   */
  public static final HttpOptions SETTINGS =
      HttpOptions.builder()
          .retryPolicy(
              RetryPolicy.builder()
                  .maxAttempts(3)
                  .initialBackoff(Duration.ofMillis(1))
                  .maxBackoff(Duration.ofMillis(2))
                  .maxRetryAfter(Duration.ofSeconds(1))
                  .build())
          .attemptTimeout(Duration.ofSeconds(2))
          .callTimeout(Duration.ofSeconds(10))
          .eventListener(HttpEventListener.none())
          .build();

  private AresFakeContract() {}

  /** A fake under test: a client whose requests it answers, its script and its record. */
  public interface Subject extends AutoCloseable {
    /** The client to call; every request it sends reaches the fake. */
    AresClient client();

    /** Scripts the answers to the next requests. */
    void enqueue(FakeAnswer... answers);

    /** How many requests reached the fake. */
    int requestCount();

    @Override
    void close();
  }

  /** The in-memory fake, its client on {@code settings}. */
  public static Subject inMemory(HttpOptions settings) {
    InMemoryAresClient fake = new InMemoryAresClient(settings);
    return new Subject() {
      @Override
      public AresClient client() {
        return fake;
      }

      @Override
      public void enqueue(FakeAnswer... answers) {
        fake.enqueue(answers);
      }

      @Override
      public int requestCount() {
        return fake.requests().size();
      }

      @Override
      public void close() {
        fake.close();
      }
    };
  }

  /** The loopback server, called by a real {@link AresClient} on {@code settings}. */
  public static Subject overLoopbackHttp(HttpOptions settings) {
    FakeAresServer server = FakeAresServer.start();
    AresClient client =
        AresClient.builder()
            .httpOptions(settings)
            .endpoint(server.endpoint())
            .apiKey("contract-api-key")
            .environmentId("contract-environment")
            .gatewaySignature("contract.gateway.signature")
            .build();
    return new Subject() {
      @Override
      public AresClient client() {
        return client;
      }

      @Override
      public void enqueue(FakeAnswer... answers) {
        server.enqueue(answers);
      }

      @Override
      public int requestCount() {
        return server.requestCount();
      }

      @Override
      public void close() {
        client.close();
        server.close();
      }
    };
  }

  /**
   * One scenario: what is scripted, what is registered, and the outcome every fake must give, in
   * words such as {@code "tenant tenant-0001; 1 request(s)"} or {@code "HTTP 503 after 3
   * attempt(s); 3 request(s)"}.
   */
  public static final class Scenario {
    private final String name;
    private final List<FakeAnswer> script;
    private final int registrations;
    private final String expected;

    private Scenario(String name, List<FakeAnswer> script, int registrations, String expected) {
      this.name = name;
      this.script = script;
      this.registrations = registrations;
      this.expected = expected;
    }

    /** What the scenario shows. */
    public String name() {
      return name;
    }

    /** The outcome of the last registration every fake must give. */
    public String expected() {
      return expected;
    }

    /**
     * Runs the scenario on a fresh subject made with {@link #SETTINGS} and checks its outcome.
     *
     * @throws AssertionError when the fake's outcome differs from {@link #expected()}
     */
    public void check(Function<HttpOptions, Subject> fake) {
      check(fake, false);
    }

    /**
     * As {@link #check}, each registration made with {@link AresClient#registerTenantAsync} and
     * awaited: the async path must give the same outcome, failing its future with exactly the
     * exception the blocking call throws.
     *
     * @throws AssertionError when the fake's outcome differs from {@link #expected()}
     */
    public void checkAsync(Function<HttpOptions, Subject> fake) {
      check(fake, true);
    }

    private void check(Function<HttpOptions, Subject> fake, boolean async) {
      String actual;
      try (Subject subject = fake.apply(SETTINGS)) {
        String last = null;
        if (registrations == 0) {
          last = outcome(subject.client(), null, async);
        }
        for (int i = 1; i <= registrations; i++) {
          if (i == registrations) {
            subject.enqueue(script.toArray(new FakeAnswer[0]));
          }
          last = outcome(subject.client(), sampleTenant(), async);
        }
        actual = last + "; " + subject.requestCount() + " request(s)";
      }
      if (!expected.equals(actual)) {
        throw new AssertionError(name + ": expected <" + expected + "> but was <" + actual + ">");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Every scenario of the contract. */
  public static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    all.add(
        new Scenario("a registration succeeds", List.of(), 1, "tenant tenant-0001; 1 request(s)"));
    all.add(
        new Scenario(
            "the same tenant twice: Tenant already exists",
            List.of(),
            2,
            "user error TENANT_ALREADY_EXISTS Tenant already exists at tenantInput.projectId;"
                + " 2 request(s)"));
    for (UserErrorCode code : UserErrorCode.values()) {
      if (code == UserErrorCode.UNKNOWN) {
        continue;
      }
      String message = code.documentedMessage();
      all.add(
          new Scenario(
              "user error: " + message,
              List.of(FakeAnswer.userError(message, "tenantInput")),
              1,
              "user error " + code + " " + message + " at tenantInput; 1 request(s)"));
    }
    all.add(
        new Scenario(
            "throttled once, then registered",
            List.of(FakeAnswer.status(503)),
            1,
            "tenant tenant-0001; 2 request(s)"));
    all.add(
        new Scenario(
            "throttled on every attempt",
            List.of(
                FakeAnswer.status(429).withRetryAfter(Duration.ZERO),
                FakeAnswer.status(503),
                FakeAnswer.status(503)),
            1,
            "HTTP 503 after 3 attempt(s); 3 request(s)"));
    all.add(
        new Scenario(
            "asked to wait longer than maxRetryAfter",
            List.of(FakeAnswer.status(429).withRetryAfter(Duration.ofSeconds(30))),
            1,
            "HTTP 429 after 1 attempt(s); 1 request(s)"));
    all.add(
        new Scenario(
            "a server error is not retried",
            List.of(FakeAnswer.status(500)),
            1,
            "HTTP 500 after 1 attempt(s); 1 request(s)"));
    all.add(
        new Scenario(
            "a GraphQL error",
            List.of(FakeAnswer.graphQlError("Variable tenantInput is invalid")),
            1,
            "GraphQL error Variable tenantInput is invalid; 1 request(s)"));
    all.add(
        new Scenario(
            "no answer within the attempt timeout: the mutation is not sent again",
            List.of(FakeAnswer.delayed(Duration.ofSeconds(30))),
            1,
            "ATTEMPT_TIMEOUT after 1 attempt(s), sent true; 1 request(s)"));
    all.add(
        new Scenario(
            "a dropped connection: the mutation is not sent again",
            List.of(FakeAnswer.dropConnection()),
            1,
            "CONNECTION_RESET after 1 attempt(s), sent true; 1 request(s)"));
    all.add(
        new Scenario(
            "a short delay is only slow",
            List.of(FakeAnswer.delayed(Duration.ofMillis(20))),
            1,
            "tenant tenant-0001; 1 request(s)"));
    all.add(
        new Scenario(
            "no tenant input is refused before any request",
            List.of(),
            0,
            "invalid tenantInput is required; 0 request(s)"));
    return List.copyOf(all);
  }

  private static String outcome(AresClient client, TenantInput tenant, boolean async) {
    try {
      RegisterTenantResult result = async ? awaited(client, tenant) : client.registerTenant(tenant);
      if (result.tenantId().isPresent()) {
        return "tenant " + result.tenantId().get();
      }
      List<String> errors = new ArrayList<>();
      for (UserError e : result.userErrors()) {
        errors.add(e.code() + " " + e.message() + " at " + e.pathText());
      }
      return "user error " + String.join(", ", errors);
    } catch (AresHttpException e) {
      return "HTTP " + e.statusCode() + " after " + e.attempts() + " attempt(s)";
    } catch (AresTransportException e) {
      return e.failure() + " after " + e.attempts() + " attempt(s), sent " + e.requestSent();
    } catch (AresGraphQlException e) {
      return "GraphQL error " + e.errors().get(0).message();
    } catch (AresValidationException e) {
      return "invalid " + String.join(", ", e.violations().stream().map(Object::toString).toList());
    }
  }

  /** The async call's result, or the exception its future failed with, thrown as it is. */
  private static RegisterTenantResult awaited(AresClient client, TenantInput tenant) {
    CompletableFuture<RegisterTenantResult> future = client.registerTenantAsync(tenant);
    try {
      return future.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new AssertionError("the future failed with " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("the future did not complete within a minute", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static TenantInput sampleTenant() {
    return TenantInput.builder()
        .enabled(true)
        .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
        .aem(AemInput.builder().programId("11111").environmentId("222222").build())
        .commerce(
            CommerceInput.builder()
                .baseUrl("https://store.example.com")
                .credentials(
                    CommerceCredentialsInput.builder()
                        .consumerKey("contract-ck")
                        .consumerSecret("contract-cs")
                        .accessToken("contract-at")
                        .accessTokenSecret("contract-ats")
                        .build())
                .build())
        .rule(MatchBySkuRuleInput.commerceSkus())
        .build();
  }
}
