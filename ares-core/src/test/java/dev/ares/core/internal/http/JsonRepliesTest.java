package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

/** The loopback servers answer JSON typed as JSON, with its status and a fixed-length body. */
class JsonRepliesTest {

  @Test
  void aReplyIsTypedAsJsonWithItsStatusAndLength() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> JsonReplies.send(exchange, 418, "{\"é\":1}"));
    server.start();
    try (CloseableHttpClient client =
        HttpClients.custom()
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build())
            .build()) {
      HttpGet get = new HttpGet("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      client.execute(
          get,
          response -> {
            assertEquals(418, response.getCode());
            assertEquals("application/json", response.getFirstHeader("Content-Type").getValue());
            assertEquals("8", response.getFirstHeader("Content-Length").getValue()); // UTF-8 bytes
            assertEquals(
                "{\"é\":1}", EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
            return null;
          });
    } finally {
      server.stop(0);
    }
  }
}
