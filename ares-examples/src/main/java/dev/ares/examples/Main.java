package dev.ares.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples program: {@code java -jar ares-examples.jar <command> [args]}. Each command is a
 * small program a new user can copy from.
 */
public final class Main {

  private Main() {}

  /** Every command, by name, in the order usage lists them. */
  static Map<String, Command> commands() {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c : List.<Command>of(
        new RegisterCommand(),
        new CheckCommerceCommand(),
        new MatchCommand(),
        new ServeMatcherCommand(),
        new CoverageCommand())) {
      commands.put(c.name(), c);
    }
    return commands;
  }

  /** Runs the command named by the first argument and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command named by the first argument and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    Command command = args.length == 0 ? null : commands.get(args[0]);
    if (command == null) {
      err.println("usage: java -jar ares-examples.jar <command> [args]");
      for (Command c : commands.values()) {
        err.printf("  %-55s %s%n", c.usage(), c.summary());
      }
      return Command.BAD_INPUT;
    }
    try {
      return command.run(List.of(args).subList(1, args.length), out, err);
    } catch (Exception e) {
      err.println(TenantFiles.oneLine(command.name() + ": " + e.getMessage()));
      return Command.BAD_INPUT;
    }
  }
}
