package dev.ares.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proxy setting's forms, what each refuses (by field, never quoting a credential) and that
 * credentials never print; and how {@link HttpOptions} checks the proxy and TLS settings.
 */
class HttpProxyTest {

  @Test
  void theDefaultFollowsTheJvm() {
    assertTrue(HttpOptions.defaults().proxy().isJvmDefault());
    assertNull(HttpOptions.defaults().sslContext());
  }

  @Test
  void aProxyUriKeepsHostAndPortAndTakesCredentialsFromItsUserInfo() {
    HttpProxy proxy = HttpProxy.of("http://svc%40corp:p%3Ass+w0rd@proxy.corp.example:3128/");

    assertEquals(URI.create("http://proxy.corp.example:3128"), proxy.uri());
    assertEquals("svc@corp", proxy.username());
    assertEquals("p:ss+w0rd", proxy.password());
    assertEquals("HttpProxy[http://proxy.corp.example:3128, credentials ****]", proxy.toString());
  }

  @Test
  void credentialsNeverPrint() {
    HttpProxy proxy =
        HttpProxy.of("http://[::1]:8080").withCredentials("user-name-1", "pa55-w0rd-secret");
    HttpOptions options = HttpOptions.builder().proxy(proxy).build();

    for (String printed : List.of(proxy.toString(), options.toString())) {
      assertFalse(printed.contains("pa55-w0rd-secret"), printed);
      assertFalse(printed.contains("user-name-1"), printed);
    }
    assertEquals(URI.create("http://[::1]:8080"), proxy.uri());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://proxy:3128|proxy.uri|must start with http://",
        "socks5://proxy:1080|proxy.uri|must start with http://",
        "http://proxy|proxy.uri|must name a port",
        "http://proxy:99999|proxy.uri|must name a port",
        "http://proxy:0|proxy.uri|must name a port",
        "http://proxy:3128/path|proxy.uri|must have no path",
        "http://proxy:3128?q=1|proxy.uri|must have no path",
        "proxy:3128|proxy.uri|must start with http://",
        "http://user@proxy:3128|proxy.password|is required",
        "http://us%C3%A9r:secret-x@proxy:3128|proxy.username|must be printable ASCII",
        "http://user:s%0Acret-x@proxy:3128|proxy.password|must be printable ASCII",
        "http://a b:3128|proxy.uri|is not a URI",
      })
  void aBadProxyUriIsRefusedByFieldWithoutQuotingIt(String uri, String field, String problem) {
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> HttpProxy.of(uri));

    assertEquals(field, e.violations().get(0).path(), e.getMessage());
    assertTrue(e.violations().get(0).message().startsWith(problem), e.getMessage());
    assertFalse(e.getMessage().contains("secret-x"), e.getMessage());
  }

  @Test
  void credentialsMustBePrintableAsciiAndTheUserNameHasNoColon() {
    HttpProxy proxy = HttpProxy.of("http://proxy:3128");

    AresValidationException e =
        assertThrows(AresValidationException.class, () -> proxy.withCredentials("a:b", "pässwort"));
    assertEquals(2, e.violations().size());
    assertEquals("proxy.username", e.violations().get(0).path());
    assertEquals("proxy.password", e.violations().get(1).path());
    assertFalse(e.getMessage().contains("pässwort"));
    assertThrows(AresValidationException.class, () -> proxy.withCredentials(null, "x"));
    assertThrows(
        AresValidationException.class, () -> HttpProxy.none().withCredentials("user", "pass"));
    assertThrows(AresValidationException.class, () -> HttpProxy.selector(null));
    assertThrows(AresValidationException.class, () -> HttpProxy.of((String) null));
  }

  @Test
  void theFormsAreValues() {
    ProxySelector selector = ProxySelector.of(null);
    assertEquals(HttpProxy.of("http://proxy:3128"), HttpProxy.of("HTTP://proxy:3128"));
    assertEquals(HttpProxy.selector(selector), HttpProxy.selector(selector));
    assertTrue(HttpProxy.none().isNone());
    assertTrue(HttpProxy.selector(selector).toString().startsWith("HttpProxy[selector "));
  }

  @Test
  void aCallersClientTakesNeitherProxyNorTlsContext() throws Exception {
    try (CloseableHttpClient client = HttpClients.createMinimal()) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () ->
                  HttpOptions.builder()
                      .httpClient(client)
                      .proxy(HttpProxy.none())
                      .sslContext(SSLContext.getDefault())
                      .build());
      assertEquals(
          List.of("httpOptions.proxy", "httpOptions.sslContext"),
          e.violations().stream().map(FieldViolation::path).toList());
      // The JVM default is no setting at all: a caller's client may keep it.
      assertEquals(client, HttpOptions.builder().httpClient(client).build().httpClient());
    }
  }

  @Test
  void aNullProxyIsNamed() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class, () -> HttpOptions.builder().proxy(null).build());
    assertEquals("httpOptions.proxy", e.violations().get(0).path());
  }
}
