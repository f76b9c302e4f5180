package dev.ares.core.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP CONNECT proxy on loopback for tests (Jetty's {@link ConnectHandler}, in the process,
 * so the tests need nothing installed): it tunnels {@code CONNECT host:port} to the target and
 * records, from its own side, each request it got (its line and headers) and every byte it carried
 * either way. It can ask for Basic credentials (answering 407 without them) or refuse every tunnel
 * (403). Anything but {@code CONNECT} is recorded and answered 405: the SDK must tunnel. Every
 * tunnel leads to loopback, whatever host it names ({@code CONNECT ares.test.example:8443} reaches
 * {@code 127.0.0.1:8443}): a client behind a proxy never resolves its target itself, so tests can
 * call a target by a name no DNS knows.
 */
public final class TunnelProxy implements AutoCloseable {

  /** One request the proxy got: its method, target and headers. */
  public record Seen(String method, String target, Map<String, String> headers) {
    /** The whole request as text, for asserting what the proxy saw. */
    public String asText() {
      return method
          + " "
          + target
          + "\n"
          + headers.entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining("\n"));
    }
  }

  private final Server server = new Server();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream carried = new ByteArrayOutputStream();
  private final String credentials;
  private final boolean refuseAll;

  private TunnelProxy(String username, String password, boolean refuseAll) {
    this.credentials =
        username == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.refuseAll = refuseAll;
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ConnectHandler tunnels = new Recording();
    tunnels.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            record(request);
            Response.writeError(request, response, callback, 405);
            return true;
          }
        });
    server.setHandler(tunnels);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the test proxy did not start", e);
    }
  }

  /** A proxy that tunnels every {@code CONNECT}. */
  public static TunnelProxy open() {
    return new TunnelProxy(null, null, false);
  }

  /** A proxy that answers 407 unless the request carries these Basic credentials. */
  public static TunnelProxy requiringCredentials(String username, String password) {
    return new TunnelProxy(username, password, false);
  }

  /** A proxy that refuses every tunnel with 403. */
  public static TunnelProxy refusingEverything() {
    return new TunnelProxy(null, null, true);
  }

  /** The proxy's {@code http://127.0.0.1:port}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The proxy's port. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The proxy's {@code 127.0.0.1:port}, as the SDK names it. */
  public String hostAndPort() {
    return "127.0.0.1:" + port();
  }

  /** Every request the proxy got, in order. */
  public List<Seen> seen() {
    return new ArrayList<>(seen);
  }

  /** The targets ({@code host:port}) of the {@code CONNECT} requests the proxy got. */
  public List<String> connectTargets() {
    return seen.stream().filter(s -> s.method().equals("CONNECT")).map(Seen::target).toList();
  }

  /** Every byte the proxy carried through its tunnels, both ways, as ISO-8859-1 text. */
  public String carried() {
    synchronized (carried) {
      return carried.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Everything the proxy saw: its requests and the bytes it carried. */
  public String everythingSeen() {
    return seen.stream().map(Seen::asText).collect(Collectors.joining("\n")) + "\n" + carried();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void record(Request request) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.merge(field.getName(), field.getValue(), (a, b) -> a + ", " + b);
    }
    String target =
        request.getMethod().equals("CONNECT")
            ? request.getHttpURI().getAuthority()
            : request.getHttpURI().toString();
    seen.add(new Seen(request.getMethod(), target, headers));
  }

  private final class Recording extends ConnectHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if ("CONNECT".equals(request.getMethod())) {
        record(request);
      }
      return super.handle(request, response, callback);
    }

    @Override
    protected boolean handleAuthentication(Request request, Response response, String address) {
      if (credentials == null
          || credentials.equals(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION))) {
        return true;
      }
      response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"test proxy\"");
      return false;
    }

    @Override
    protected InetSocketAddress newConnectAddress(String host, int port) {
      return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public boolean validateDestination(String host, int port) {
      return !refuseAll && super.validateDestination(host, port);
    }

    @Override
    protected int read(EndPoint endPoint, ByteBuffer buffer, ConcurrentMap<String, Object> context)
        throws IOException {
      int position = buffer.position();
      int read = super.read(endPoint, buffer, context);
      if (read > 0) {
        ByteBuffer copy = buffer.duplicate();
        copy.position(position).limit(position + read);
        byte[] bytes = new byte[read];
        copy.get(bytes);
        synchronized (carried) {
          carried.write(bytes, 0, bytes.length);
        }
      }
      return read;
    }
  }
}
