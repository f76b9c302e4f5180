package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.core.AresValidationException;
import dev.ares.core.internal.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request accepts exactly the URIs {@link Urls#isAbsoluteHttpUrl} accepts as text. */
class RequestUriCheckTest {

  private static boolean accepted(URI uri) {
    try {
      CommerceRequest.builder().method("GET").uri(uri).build();
      return true;
    } catch (AresValidationException e) {
      return false;
    }
  }

  @Test
  void sameVerdictAsTheTextCheck() throws URISyntaxException {
    List<URI> uris = new ArrayList<>();
    for (String text :
        List.of(
            "https://store.example.com/rest/V1/products?a=1",
            "HTTP://EXAMPLE.com:80/",
            "http://127.0.0.1:8080/x",
            "https://[::1]:8443/p",
            "ftp://example.com/file",
            "mailto:someone@example.com",
            "/rest/V1/products",
            "rest/V1",
            "http:/no-host",
            "https:///path",
            "http://user@host.example/p",
            "http://under_score.example/p",
            "hTTpS://Shop.Example",
            "urn:isbn:0451450523",
            "")) {
      uris.add(URI.create(text));
    }
    uris.add(new URI("https", "store.example.com", "/a b/é", "q=[x] y", null));
    uris.add(new URI("http", null, "/only/path", null));
    uris.add(new URI("https", "user info", "host.example", 8443, "/p", "q", "f"));
    for (URI uri : uris) {
      assertEquals(Urls.isAbsoluteHttpUrl(uri.toString()), accepted(uri), uri.toString());
    }
  }
}
