package dev.ares.examples.violation;

import dev.ares.core.internal.ServerText;

/** A class of the examples' package that breaks their rule (public API only), to prove it bites. */
public final class UsesAnInternal {

  private UsesAnInternal() {}

  /** Uses an internal class of the core. */
  public static String printable(String text) {
    return ServerText.withoutSecrets().printable(text, 10);
  }
}
