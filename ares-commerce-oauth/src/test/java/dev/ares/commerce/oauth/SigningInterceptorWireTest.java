package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.URIBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interceptor signs exactly what goes on the wire: the server here rebuilds the request from
 * the bytes it received and checks the signature against them. A request whose bytes would differ
 * from what is signed (text outside ASCII, escapes that are not UTF-8) is refused before sending
 * with the documented {@link HttpException} and a message saying how to encode it.
 */
class SigningInterceptorWireTest {

  private MockWebServer server;
  private CloseableHttpClient client;
  private final CommerceSignatureVerifier verifier =
      CommerceSignatureVerifier.of(TestCredentials.DISTINCT);

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client =
        HttpClients.custom()
            .addRequestInterceptorLast(
                CommerceSigningInterceptor.of(
                    CommerceRequestSigner.builder(TestCredentials.DISTINCT).build()))
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private int send(ClassicHttpRequest request) throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    return client.execute(request, r -> r.getCode());
  }

  /** What the server received, read as the bytes it is, and whether its signature holds. */
  private VerificationOutcome verifyWhatWasReceived() throws InterruptedException {
    RecordedRequest received = server.takeRequest(5, TimeUnit.SECONDS);
    CommerceRequest.Builder request =
        CommerceRequest.builder()
            .method(received.getMethod())
            .uri(URI.create("http://" + received.getHeaders().get("Host") + received.getTarget()));
    String authorization = received.getHeaders().get("Authorization");
    if (authorization != null) {
      request.putHeaders("Authorization", authorization);
    }
    String type = received.getHeaders().get("Content-Type");
    if (type != null) {
      request.putHeaders("Content-Type", type);
      request.body(received.getBody().string(StandardCharsets.ISO_8859_1)); // byte for byte
    }
    return verifier.verify(request.build()).outcome();
  }

  private void assertRefusedBeforeSending(ClassicHttpRequest request) {
    ClientProtocolException e = assertThrows(ClientProtocolException.class, () -> send(request));
    HttpException cause = assertInstanceOf(HttpException.class, e.getCause());
    assertTrue(
        cause.getMessage().contains("percent-encode") && cause.getMessage().contains("UTF-8"),
        cause.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void utf8PercentEncodedQueriesAndFormsVerifyAgainstTheReceivedBytes() throws Exception {
    assertEquals(
        200, send(new HttpGet(base() + "/rest/V1/products?q=caf%C3%A9+%7E&x=%F0%9F%98%80")));
    assertEquals(VerificationOutcome.VALID, verifyWhatWasReceived());

    URI built =
        new URIBuilder(base() + "/rest/V1/products")
            .addParameter("searchCriteria[filter_groups][0][filters][0][value]", "café 😀")
            .build();
    assertTrue(built.toString().endsWith("%5D=caf%C3%A9%20%F0%9F%98%80"), built.toString());
    assertEquals(200, send(new HttpGet(built)));
    assertEquals(VerificationOutcome.VALID, verifyWhatWasReceived());

    HttpPost form = new HttpPost(base() + "/rest/V1/orders?x=1");
    form.setEntity(
        new UrlEncodedFormEntity(
            List.of(
                new BasicNameValuePair("name", "café 😀"), new BasicNameValuePair("sku", "a+b=c")),
            StandardCharsets.UTF_8));
    assertEquals(200, send(form));
    assertEquals(VerificationOutcome.VALID, verifyWhatWasReceived());
  }

  @Test
  void aRawNonAsciiUriIsRefusedBeforeSending() {
    assertRefusedBeforeSending(new HttpGet(URI.create(base() + "/rest/V1/products?name=Café")));
    assertRefusedBeforeSending(new HttpGet(URI.create(base() + "/rest/V1/caf\u00e9")));
    assertRefusedBeforeSending(new HttpGet(URI.create(base() + "/p?q=\uD83D\uDE00")));
  }

  @Test
  void aLatin1EscapeInTheQueryIsAnHttpExceptionNotAnUncheckedOne() {
    assertRefusedBeforeSending(new HttpGet(base() + "/rest/V1/products?name=Caf%E9"));
  }

  @Test
  void theDefaultLatin1FormEntityWithNonAsciiIsRefused() {
    HttpPost form = new HttpPost(base() + "/rest/V1/orders");
    form.setEntity(new UrlEncodedFormEntity(List.of(new BasicNameValuePair("name", "Café"))));
    assertRefusedBeforeSending(form);
  }

  @Test
  void aFormBodyWithRawNonAsciiBytesIsRefused() {
    HttpPost form = new HttpPost(base() + "/rest/V1/orders");
    form.setEntity(
        new StringEntity(
            "name=Café",
            ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.ISO_8859_1)));
    assertRefusedBeforeSending(form);
  }
}
