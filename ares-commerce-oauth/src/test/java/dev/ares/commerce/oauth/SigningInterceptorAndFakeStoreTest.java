package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.commerce.oauth.internal.StoreMessages;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.junit.jupiter.api.Test;

/** The interceptor signs real HttpClient requests; the fake store verifies and rejects replays. */
class SigningInterceptorAndFakeStoreTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  /** Status and store message of one call. */
  private static String call(CloseableHttpClient client, ClassicHttpRequest request)
      throws IOException {
    return client.execute(
        request,
        r -> {
          String body = EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
          return r.getCode() + " " + StoreMessages.message(body).orElse("");
        });
  }

  private static CloseableHttpClient client(CommerceRequestSigner signer) {
    return HttpClients.custom()
        .addRequestInterceptorLast(CommerceSigningInterceptor.of(signer))
        .disableRedirectHandling()
        .build();
  }

  private static String products(FakeCommerceServer store) {
    return store.baseUrl()
        + "/rest/V1/products?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D"
        + "%5Bfield%5D=sku&searchCriteria%5BpageSize%5D=1&q=caf%C3%A9+%7E";
  }

  @Test
  void signsEveryRequestOfAClient() throws Exception {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient client = client(signer)) {
      assertEquals("200 ", call(client, new HttpGet(products(store))));
      assertEquals("200 ", call(client, new HttpGet(products(store))));
      assertEquals(2, store.acceptedCount());
    }
  }

  @Test
  void formBodiesAreSignedAndJsonBodiesAreNot() throws Exception {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient client = client(signer)) {
      HttpPost form = new HttpPost(store.baseUrl() + "/rest/V1/orders?x=1");
      form.setEntity(
          new UrlEncodedFormEntity(
              List.of(
                  new BasicNameValuePair("name", "café au lait"),
                  new BasicNameValuePair("sku", "a+b=c")),
              StandardCharsets.UTF_8));
      HttpPost json = new HttpPost(store.baseUrl() + "/rest/V1/orders");
      json.setEntity(new StringEntity("{\"sku\":\"a b\"}", ContentType.APPLICATION_JSON));

      // 404: the signature was accepted and only then the route was not found.
      assertEquals("404 Request does not match any route.", call(client, form));
      assertEquals("404 Request does not match any route.", call(client, json));
    }
  }

  @Test
  void aFormBodyThatCannotBeReadTwiceIsRefused() throws Exception {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient client = client(signer)) {
      HttpPost form = new HttpPost(store.baseUrl() + "/rest/V1/orders");
      form.setEntity(
          new InputStreamEntity(
              new ByteArrayInputStream("a=b".getBytes(StandardCharsets.UTF_8)),
              ContentType.APPLICATION_FORM_URLENCODED));
      assertThrows(IOException.class, () -> call(client, form));
      assertEquals(0, store.requestCount());
    }
  }

  @Test
  void theFakeRejectsAReusedNonce() throws Exception {
    CommerceRequestSigner sameNonce =
        CommerceRequestSigner.builder(TestCredentials.DISTINCT)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .nonceSource(() -> "always-the-same")
            .build();
    try (FakeCommerceServer store =
            FakeCommerceServer.builder(TestCredentials.DISTINCT)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .start();
        CloseableHttpClient client = client(sameNonce)) {
      assertEquals("200 ", call(client, new HttpGet(products(store))));
      assertEquals(
          "401 The nonce is already being used by the consumer with ID 1.",
          call(client, new HttpGet(products(store))));
      CommerceRequestSigner sameNonceLater =
          CommerceRequestSigner.builder(TestCredentials.DISTINCT)
              .clock(Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC))
              .nonceSource(() -> "always-the-same")
              .build();
      try (CloseableHttpClient later = client(sameNonceLater)) {
        assertEquals(
            "401 The nonce is already being used by the consumer with ID 1.",
            call(later, new HttpGet(products(store))));
      }
    }
  }

  @Test
  void theFakeRejectsTimestampsMoreThan600SecondsAhead() throws Exception {
    try (FakeCommerceServer store =
        FakeCommerceServer.builder(TestCredentials.DISTINCT)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .start()) {
      for (long ahead : new long[] {600, 601}) {
        CommerceRequestSigner signer =
            CommerceRequestSigner.builder(TestCredentials.DISTINCT)
                .clock(Clock.fixed(NOW.plusSeconds(ahead), ZoneOffset.UTC))
                .build();
        try (CloseableHttpClient client = client(signer)) {
          assertEquals(
              ahead == 600 ? "200 " : "401 The timestamp is invalid. Verify and try again.",
              call(client, new HttpGet(products(store))));
        }
      }
    }
  }

  @Test
  void theFakeAnswersUnsignedRequestsAsCommerceDoes() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient plain = HttpClients.createDefault()) {
      assertEquals(
          "401 The consumer isn't authorized to access Magento_Catalog::products.",
          call(plain, new HttpGet(products(store))));
    }
  }

  @Test
  void theFakeAcceptsHmacSha1OnlyWhenAskedTo() throws Exception {
    CommerceRequestSigner sha1 =
        CommerceRequestSigner.builder(TestCredentials.DISTINCT)
            .signatureMethod(SignatureMethod.HMAC_SHA1)
            .build();
    try (FakeCommerceServer old =
            FakeCommerceServer.builder(TestCredentials.DISTINCT).acceptHmacSha1(true).start();
        FakeCommerceServer current = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient client = client(sha1)) {
      assertEquals("200 ", call(client, new HttpGet(products(old))));
      assertEquals(
          "400 Signature method HMAC-SHA1 is not supported",
          call(client, new HttpGet(products(current))));
    }
  }
}
