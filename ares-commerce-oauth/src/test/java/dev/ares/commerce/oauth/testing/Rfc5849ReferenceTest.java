package dev.ares.commerce.oauth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The oracle against the RFC's own published examples, with no SDK code involved. */
class Rfc5849ReferenceTest {

  @Test
  void section3411ExampleBaseString() {
    Map<String, String> oauth =
        new TreeMap<>(
            Map.of(
                "oauth_consumer_key", "9djdj82h48djs9d2",
                "oauth_token", "kkk9d7dh3k39sjv7",
                "oauth_signature_method", "HMAC-SHA1",
                "oauth_timestamp", "137131201",
                "oauth_nonce", "7d8f3e4a",
                "oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw=",
                "realm", "Example"));
    assertEquals(
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D"
            + "%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
            + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
            + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
        Rfc5849Reference.baseString(
            "POST",
            URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
            "c2&a3=2+q",
            oauth));
  }

  @Test
  void oauthCore10AppendixA5Signature() {
    String baseString =
        Rfc5849Reference.baseString(
            "GET",
            URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"),
            null,
            Map.of(
                "oauth_consumer_key",
                "dpf43f3p2l4k3l03",
                "oauth_token",
                "nnch734d00sl2jdk",
                "oauth_signature_method",
                "HMAC-SHA1",
                "oauth_timestamp",
                "1191242096",
                "oauth_nonce",
                "kllo9940pd9333jh",
                "oauth_version",
                "1.0"));
    assertEquals(
        "tR3+Ty81lMeYAr/Fid0kMTYa/WM=",
        Rfc5849Reference.signature(
            "HMAC-SHA1", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", baseString));
  }

  @Test
  void section12PhotosHeaderParsesAndVerifies() {
    Map<String, String> header =
        Rfc5849Reference.authorizationParams(
            "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\","
                + " oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\","
                + " oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\","
                + " oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"");
    assertEquals("MdpQcU8iPSUjWoN/UDMsK2sui9I=", header.get("oauth_signature"));
    assertEquals("Photos", header.get("realm"));
    String baseString =
        Rfc5849Reference.baseString(
            "GET",
            URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"),
            null,
            header);
    assertEquals(
        header.get("oauth_signature"),
        Rfc5849Reference.signature(
            "HMAC-SHA1", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", baseString));
  }

  @Test
  void section36Encoding() {
    assertEquals(
        "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D",
        Rfc5849Reference.encode("!*'();:@&=+$,/?#[]"));
    assertEquals("AZaz09-._~%20%C3%A9%F0%9F%98%80", Rfc5849Reference.encode("AZaz09-._~ é😀"));
  }

  @Test
  void section3412BaseStringUri() {
    assertEquals(
        "http://example.com/r%20v/X",
        Rfc5849Reference.baseStringUri(URI.create("HTTP://EXAMPLE.COM:80/r%20v/X?id=123")));
    assertEquals(
        "https://www.example.net:8080/",
        Rfc5849Reference.baseStringUri(URI.create("https://www.example.net:8080/?q=1")));
    assertEquals(
        "https://example.com/",
        Rfc5849Reference.baseStringUri(URI.create("https://Example.com:443#frag")));
  }

  @Test
  void commerceDecodingOfQueryAndForm() {
    // A query's '+' stays a plus (rawurldecode); a form's is a space.
    assertEquals(
        "GET&https%3A%2F%2Fs.example%2Fp&q%3Da%252Bb",
        Rfc5849Reference.baseString(
            "GET", URI.create("https://s.example/p?q=a+b"), null, Map.of()));
    assertEquals(
        "POST&https%3A%2F%2Fs.example%2Fp&q%3Da%2520b",
        Rfc5849Reference.baseString("POST", URI.create("https://s.example/p"), "q=a+b", Map.of()));
    // Split on the first '=', bare keys have an empty value, empty pieces are skipped.
    assertEquals(
        "GET&https%3A%2F%2Fs.example%2Fp&a%3Db%253Dc%26flag%3D",
        Rfc5849Reference.baseString(
            "GET", URI.create("https://s.example/p?a=b=c&&flag"), null, Map.of()));
  }

  @Test
  void brokenInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rfc5849Reference.decode("a%2", false));
    assertThrows(IllegalArgumentException.class, () -> Rfc5849Reference.decode("a%G1", false));
    assertThrows(IllegalArgumentException.class, () -> Rfc5849Reference.decode("Caf%E9", false));
    assertNull(Rfc5849Reference.authorizationParams("Basic abc"));
    assertNull(Rfc5849Reference.authorizationParams("OAuth a=\"1\", a=\"2\""));
    assertNull(Rfc5849Reference.authorizationParams("OAuth a=1"));
    assertNull(Rfc5849Reference.authorizationParams("OAuth a=\"x\"y\""));
  }
}
