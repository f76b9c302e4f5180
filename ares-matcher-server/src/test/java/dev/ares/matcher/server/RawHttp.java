package dev.ares.matcher.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 over a socket, so tests can misbehave as no client library would. */
final class RawHttp {

  private RawHttp() {}

  /** Opens a socket to the loopback port whose reads give up after {@code readTimeoutMillis}. */
  static Socket open(int port, int readTimeoutMillis) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(readTimeoutMillis);
    return socket;
  }

  /** Writes {@code text} as ISO-8859-1 bytes. */
  static void send(Socket socket, String text) throws IOException {
    send(socket, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static void send(Socket socket, byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** A whole POST with a JSON (or other) body; {@code extraHeaders} end with CRLF each. */
  static byte[] post(String path, String contentType, String extraHeaders, byte[] body) {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + extraHeaders
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /**
   * Reads the status code of the answer (throws SocketTimeoutException when none comes in time).
   */
  static int status(Socket socket) throws IOException {
    String line = readLine(socket.getInputStream());
    String[] parts = line.split(" ");
    if (parts.length < 2) {
      throw new IOException("no status line: " + line);
    }
    return Integer.parseInt(parts[1]);
  }

  /** Reads everything until the server closes the connection. */
  static String readAll(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Reads one whole answer (status line, headers, a {@code Content-Length} body), leaving the
   * connection open.
   */
  static String readResponse(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    int length = 0;
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      head.append(line).append('\n');
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return head + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
