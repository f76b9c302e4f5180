package dev.ares.core.testsupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A certificate authority only the tests trust, and a server certificate it signed for {@code
 * localhost} and {@code 127.0.0.1}: a loopback HTTPS server no JVM trusts by default, as behind a
 * company CA or a TLS-inspecting proxy.
 */
public final class TestCa {

  private final HeldCertificate root;
  private final HeldCertificate server;

  private TestCa(String... serverNames) {
    root =
        new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("ARES SDK test CA")
            .build();
    HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(serverNames[0]);
    for (String name : serverNames) {
      builder.addSubjectAlternativeName(name);
    }
    server = builder.signedBy(root).build();
  }

  /** A new CA and a certificate for {@code localhost} and {@code 127.0.0.1}. */
  public static TestCa forLoopback() {
    return new TestCa("localhost", "127.0.0.1");
  }

  /** A new CA and a certificate for {@code name} only (a host name the tests call by another). */
  public static TestCa forHost(String name) {
    return new TestCa(name);
  }

  /** For {@code MockWebServer.useHttps(...)}: the server certificate and its chain. */
  public SSLSocketFactory serverSocketFactory() {
    return new HandshakeCertificates.Builder()
        .heldCertificate(server, root.certificate())
        .build()
        .sslSocketFactory();
  }

  /** A server context that presents the server certificate and its chain (for a TLS server). */
  public SSLContext serverContext() {
    return new HandshakeCertificates.Builder()
        .heldCertificate(server, root.certificate())
        .build()
        .sslContext();
  }

  /**
   * A PKCS12 key store holding the server's key and certificate chain under the alias {@code
   * server}, protected by {@code password}: what a server's {@code .p12} file holds.
   */
  public java.security.KeyStore serverKeyStore(char[] password)
      throws java.security.GeneralSecurityException, java.io.IOException {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, password);
    store.setKeyEntry(
        "server",
        server.keyPair().getPrivate(),
        password,
        new java.security.cert.Certificate[] {server.certificate(), root.certificate()});
    return store;
  }

  /** A client context that trusts this CA, and nothing else. */
  public SSLContext clientContext() {
    return new HandshakeCertificates.Builder()
        .addTrustedCertificate(root.certificate())
        .build()
        .sslContext();
  }

  /** The CA's certificate, to put in a trust store. */
  public java.security.cert.X509Certificate caCertificate() {
    return root.certificate();
  }
}
