package dev.ares.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS key and certificate {@code serve-matcher --tls-keystore FILE.p12} serves with: a PKCS12
 * file holding one private key and its certificate chain (as {@code keytool -genkeypair} or {@code
 * openssl pkcs12 -export} make it), opened with the password in {@value #PASSWORD_VARIABLE}. The
 * password is read from the environment only, never from the command line, where {@code ps} and the
 * shell history would show it.
 *
 * <p>Copy this into a service that hosts a matcher: {@link #sslContext()} goes to {@code
 * MatcherServer.builder(handler).tls(...)}.
 */
final class ServerKeyStore {

  /** The environment variable holding the key store's password. */
  static final String PASSWORD_VARIABLE = "ARES_MATCHER_KEYSTORE_PASSWORD";

  private final SSLContext sslContext;
  private final X509Certificate certificate;

  private ServerKeyStore(SSLContext sslContext, X509Certificate certificate) {
    this.sslContext = sslContext;
    this.certificate = certificate;
  }

  /**
   * Opens {@code file} with the password in {@code env}'s {@value #PASSWORD_VARIABLE}.
   *
   * @throws BadInputException naming what is wrong: no such file, no password, a wrong password or
   *     a file that is not PKCS12, no private key in it; never quoting the password
   */
  static ServerKeyStore open(String file, Map<String, String> env) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new BadInputException(TenantFiles.oneLine("--tls-keystore: no file " + file));
    }
    String password = env.get(PASSWORD_VARIABLE);
    if (password == null) {
      throw new BadInputException(
          "--tls-keystore: set "
              + PASSWORD_VARIABLE
              + " to the key store's password (it is never taken on the command line)");
    }
    char[] secret = password.toCharArray();
    KeyStore store;
    try (InputStream in = Files.newInputStream(path)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, secret);
    } catch (IOException | GeneralSecurityException e) {
      throw new BadInputException(
          TenantFiles.oneLine(
              "--tls-keystore: cannot open "
                  + file
                  + " as PKCS12 with the password in "
                  + PASSWORD_VARIABLE
                  + " (a wrong password, or not a PKCS12 file)"));
    }
    try {
      String alias = keyAlias(store);
      if (alias == null) {
        throw new BadInputException(
            TenantFiles.oneLine(
                "--tls-keystore: "
                    + file
                    + " holds no private key with a certificate: it must hold the server's key"
                    + " and certificate chain"));
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new ServerKeyStore(context, (X509Certificate) store.getCertificate(alias));
    } catch (GeneralSecurityException e) {
      throw new BadInputException(
          TenantFiles.oneLine(
              "--tls-keystore: cannot use the key in "
                  + file
                  + " ("
                  + e.getClass().getSimpleName()
                  + "; its key password must be the store's)"));
    }
  }

  private static String keyAlias(KeyStore store) throws GeneralSecurityException {
    for (String alias : Collections.list(store.aliases())) {
      Certificate certificate = store.getCertificate(alias);
      if (store.isKeyEntry(alias) && certificate instanceof X509Certificate) {
        return alias;
      }
    }
    return null;
  }

  /** The context to serve with. */
  SSLContext sslContext() {
    return sslContext;
  }

  /** What to print at start: the certificate's subject and end of validity, or that it ended. */
  String describe(Instant now) {
    String subject = certificate.getSubjectX500Principal().getName();
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant notBefore = certificate.getNotBefore().toInstant();
    if (now.isAfter(notAfter)) {
      return "warning: the TLS certificate "
          + subject
          + " expired "
          + notAfter
          + ": clients refuse it";
    }
    if (now.isBefore(notBefore)) {
      return "warning: the TLS certificate " + subject + " is not valid before " + notBefore;
    }
    return "TLS certificate " + subject + ", valid until " + notAfter;
  }
}
