package dev.ares.commerce.oauth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;

/**
 * The fake answers an unknown route before authentication, as Commerce does, and its {@link
 * FakeCommerceServer.Site} switch makes it a storefront or a foreign JSON API instead.
 */
class FakeCommerceSitesTest {

  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-fake-sites")
          .consumerSecret("cs-fake-sites")
          .accessToken("at-fake-sites")
          .accessTokenSecret("ats-fake-sites")
          .build();

  /** Status, content type and body of an unsigned GET. */
  private static String get(String url) throws IOException {
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      return client.execute(
          new HttpGet(url),
          r ->
              r.getCode()
                  + " "
                  + r.getEntity().getContentType()
                  + " "
                  + EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void anUnsignedRequestToAnUnknownRouteIs404BeforeAuthentication() throws IOException {
    try (FakeCommerceServer store = FakeCommerceServer.builder(CREDENTIALS).start()) {
      assertEquals(
          "404 application/json; charset=utf-8 {\"message\":\"Request does not match any route.\"}",
          get(store.baseUrl() + "/rest/V1/no-such-route"));
      assertTrue(get(store.baseUrl() + "/rest/V1/products").startsWith("401 "));
    }
  }

  @Test
  void aStorefrontAnswersHtmlToEveryPath() throws IOException {
    try (FakeCommerceServer store =
        FakeCommerceServer.builder(CREDENTIALS).site(FakeCommerceServer.Site.STOREFRONT).start()) {
      for (String path : new String[] {"/rest/V1/products", "/rest/V1/no-such-route", "/"}) {
        String answer = get(store.baseUrl() + path);
        assertTrue(answer.startsWith("200 text/html; charset=utf-8 <!DOCTYPE html>"), answer);
      }
    }
  }

  @Test
  void aForeignJsonApiAnswersJsonThatIsNotCommerces() throws IOException {
    try (FakeCommerceServer store =
        FakeCommerceServer.builder(CREDENTIALS)
            .site(FakeCommerceServer.Site.FOREIGN_JSON_API)
            .start()) {
      String answer = get(store.baseUrl() + "/rest/V1/products");
      assertTrue(answer.startsWith("404 application/json; charset=utf-8 {\"timestamp\""), answer);
      assertTrue(!answer.contains("\"message\""), answer);
    }
  }
}
