package dev.ares.examples;

import java.io.PrintStream;
import java.util.List;

/** {@code register [tenant.json]}: registers a tenant (placeholder until the client lands). */
final class RegisterCommand implements Command {
  @Override
  public String name() {
    return "register";
  }

  @Override
  public String usage() {
    return "register [tenant.json]";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("register: not built yet");
    return BAD_INPUT;
  }
}
