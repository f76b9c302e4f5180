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
    for (Command c :
        List.<Command>of(
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
    SecretLoggers.keepOffUnlessNamed(); // before any logger exists
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command named by the first argument and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(commands(), args, out, err);
  }

  /** Runs the command of {@code commands} named by the first argument; returns its exit status. */
  static int run(Map<String, Command> commands, String[] args, PrintStream out, PrintStream err) {
    Command command = args.length == 0 ? null : commands.get(args[0]);
    if (command == null) {
      err.println("usage: java -jar ares-examples.jar <command> [args]");
      int width = commands.values().stream().mapToInt(c -> c.usage().length()).max().orElse(0);
      for (Command c : commands.values()) {
        err.printf("  %-" + width + "s  %s%n", c.usage(), c.summary());
      }
      return Command.BAD_INPUT;
    }
    try {
      return command.run(List.of(args).subList(1, args.length), out, err);
    } catch (Exception | Error e) {
      // The top of the program: whatever went wrong, one line and status 2, never a stack trace.
      err.println(TenantFiles.oneLine(command.name() + ": " + describe(e)));
      return Command.BAD_INPUT;
    }
  }

  /** What went wrong, for one line after the command's name. */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String typed =
        failure.getClass().getSimpleName()
            + (message == null || message.isBlank() ? "" : ": " + message);
    if (failure instanceof OutOfMemoryError) {
      return "ran out of memory (" + typed + "); give the JVM more with -Xmx or pass smaller input";
    }
    if (failure instanceof Error || message == null || message.isBlank()) {
      return "failed: " + typed;
    }
    return message;
  }
}
