package dev.ares.core.internal.http;

import java.io.IOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Hands each async exchange its connection's runtime, so that cancelling it can close the
 * connection. HttpClient's own cancel does not reach an exchange that started on a freshly opened
 * connection: without this, a cancelled exchange would hold its connection until the response
 * timeout.
 */
final class ExchangeAborts implements AsyncExecChainHandler {

  /** The context attribute holding the {@link Abortable} of the exchange. */
  static final String ATTRIBUTE = "dev.ares.abortable-exchange";

  /** An exchange that can close its connection once it knows it. */
  interface Abortable {
    void runsOn(AsyncExecRuntime runtime);
  }

  @Override
  public void execute(
      HttpRequest request,
      AsyncEntityProducer entityProducer,
      AsyncExecChain.Scope scope,
      AsyncExecChain chain,
      AsyncExecCallback callback)
      throws HttpException, IOException {
    if (scope.clientContext.getAttribute(ATTRIBUTE) instanceof Abortable exchange) {
      exchange.runsOn(scope.execRuntime);
    }
    chain.proceed(request, entityProducer, scope, callback);
  }
}
