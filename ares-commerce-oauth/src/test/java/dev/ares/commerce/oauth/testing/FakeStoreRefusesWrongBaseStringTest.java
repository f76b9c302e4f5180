package dev.ares.commerce.oauth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.CommerceRequest;
import dev.ares.commerce.oauth.CommerceRequestSigner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;

/**
 * The fake store checks signatures with its own RFC 5849 reference: a signature made over a base
 * string one character away from the request sent (what a one-character bug in the signer's base
 * string produces) is refused, while the signer's real signatures are accepted.
 */
class FakeStoreRefusesWrongBaseStringTest {

  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-1")
          .consumerSecret("cs&2=")
          .accessToken("at 3")
          .accessTokenSecret("ats+4")
          .build();

  private static final String PATH = "/rest/V1/products";
  private static final String QUERY = "?searchCriteria%5BpageSize%5D=1&q=caf%C3%A9+%7E&a=b=c";

  private final AtomicInteger nonces = new AtomicInteger();
  private final CommerceRequestSigner signer =
      CommerceRequestSigner.builder(CREDENTIALS)
          .nonceSource(() -> "nonce-" + nonces.incrementAndGet())
          .build();

  /** Signs {@code signedMethod signedUri [form]}, sends {@code sentMethod sentUri [form]}. */
  private static String send(
      CloseableHttpClient client,
      String sentMethod,
      String sentUri,
      String sentForm,
      String authorization)
      throws IOException {
    HttpUriRequestBase request = new HttpUriRequestBase(sentMethod, URI.create(sentUri));
    request.setHeader("Authorization", authorization);
    if (sentForm != null) {
      request.setEntity(new StringEntity(sentForm, ContentType.APPLICATION_FORM_URLENCODED));
    }
    return client.execute(
        request,
        r -> r.getCode() + " " + EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8));
  }

  private String sign(String method, String uri, String form) {
    CommerceRequest.Builder request = CommerceRequest.builder().method(method).uri(URI.create(uri));
    if (form != null) {
      request.putHeaders("Content-Type", "application/x-www-form-urlencoded").body(form);
    }
    return signer.authorizationHeader(request.build());
  }

  @Test
  void aOneCharacterChangeToAnyBaseStringInputIsRefused() throws IOException {
    try (FakeCommerceServer store = FakeCommerceServer.builder(CREDENTIALS).start();
        CloseableHttpClient client = HttpClients.createDefault()) {
      String base = store.baseUrl();
      String sent = base + PATH + QUERY;
      String invalid = "401 {\"message\":\"" + FakeCommerceServer.INVALID_SIGNATURE + "\"}";

      // The control: signed as sent, accepted.
      assertEquals(200, code(send(client, "GET", sent, null, sign("GET", sent, null))));

      // Method, path, each query parameter's name and value, '+' versus '%20', the port.
      assertEquals(invalid, send(client, "GET", sent, null, sign("PUT", sent, null)));
      assertEquals(
          invalid,
          send(client, "GET", sent, null, sign("GET", base + "/rest/V1/productz" + QUERY, null)));
      assertEquals(
          invalid,
          send(
              client,
              "GET",
              sent,
              null,
              sign("GET", sent.replace("pageSize%5D=1", "pageSize%5D=2"), null)));
      assertEquals(
          invalid,
          send(client, "GET", sent, null, sign("GET", sent.replace("pageSize", "pageSizE"), null)));
      assertEquals(
          invalid,
          send(
              client,
              "GET",
              sent,
              null,
              sign("GET", sent.replace("caf%C3%A9+", "caf%C3%A9%20"), null)));
      assertEquals(
          invalid,
          send(client, "GET", sent, null, sign("GET", sent.replace("a=b=c", "a=b=d"), null)));
      assertEquals(invalid, send(client, "GET", sent, null, sign("GET", sent + "&x", null)));
      int port = URI.create(base).getPort();
      assertEquals(
          invalid,
          send(
              client,
              "GET",
              sent,
              null,
              sign("GET", sent.replace(":" + port, ":" + (port == 65535 ? 1 : port + 1)), null)));

      // A form body: signed as sent is past the signature check (the route answers 404), a
      // one-character change is refused.
      String form = "name=a+b&sku=x%2By";
      assertEquals(404, code(send(client, "POST", sent, form, sign("POST", sent, form))));
      assertEquals(
          invalid,
          send(client, "POST", sent, form, sign("POST", sent, form.replace("x%2By", "x%2Bz"))));
      assertEquals(invalid, send(client, "POST", sent, form, sign("POST", sent, null)));
      assertEquals(1, store.acceptedCount());
    }
  }

  @Test
  void aSignatureWithOneCharacterChangedIsRefused() throws IOException {
    try (FakeCommerceServer store = FakeCommerceServer.builder(CREDENTIALS).start();
        CloseableHttpClient client = HttpClients.createDefault()) {
      String sent = store.baseUrl() + PATH + QUERY;
      String header = sign("GET", sent, null);
      int at = header.indexOf("oauth_signature=\"") + "oauth_signature=\"".length();
      char c = header.charAt(at);
      String tampered = header.substring(0, at) + (c == 'A' ? 'B' : 'A') + header.substring(at + 1);
      assertEquals(401, code(send(client, "GET", sent, null, tampered)));
      assertEquals(0, store.acceptedCount());
    }
  }

  private static int code(String answer) {
    return Integer.parseInt(answer.substring(0, 3));
  }
}
