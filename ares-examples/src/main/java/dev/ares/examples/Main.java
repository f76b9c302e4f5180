package dev.ares.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            new CoverageCommand(),
            new PreflightCommand())) {
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

  /** The words that ask for help, alone or after a command's name. */
  static final Set<String> HELP = Set.of("--help", "-h", "help");

  /**
   * Runs the command of {@code commands} named by the first argument; returns its exit status. Help
   * ({@code --help}, {@code -h}, {@code help}, alone or after a command) goes to {@code out} with
   * status 0; a missing or unknown command is a usage error on {@code err} with status 2.
   */
  static int run(Map<String, Command> commands, String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(commands, err);
      return Command.BAD_INPUT;
    }
    if (HELP.contains(args[0])) {
      if (args.length == 1) {
        usage(commands, out);
        return Command.OK;
      }
      Command topic = commands.get(args[1]);
      if (topic == null) {
        return unknown(commands, args[1], err);
      }
      help(topic, out);
      return Command.OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      return unknown(commands, args[0], err);
    }
    List<String> rest = List.of(args).subList(1, args.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      help(command, out);
      return Command.OK;
    }
    try {
      return command.run(rest, out, err);
    } catch (Exception | Error e) {
      // The top of the program: whatever went wrong, one line and status 2, never a stack trace.
      err.println(TenantFiles.oneLine(command.name() + ": " + describe(e)));
      return Command.BAD_INPUT;
    }
  }

  private static int unknown(Map<String, Command> commands, String name, PrintStream err) {
    err.println(TenantFiles.oneLine("unknown command: " + name));
    usage(commands, err);
    return Command.BAD_INPUT;
  }

  /** The program's usage: every command with its arguments and what it does. */
  private static void usage(Map<String, Command> commands, PrintStream to) {
    to.println("usage: java -jar ares-examples.jar <command> [args]");
    for (Command c : commands.values()) {
      to.println("  " + c.usage()); // one per line: serve-matcher's alone is 110 characters
      to.println("      " + c.summary());
    }
    to.println("help: java -jar ares-examples.jar <command> --help");
    to.println(EXIT_STATUS);
  }

  /** One command's usage and what it does. */
  private static void help(Command command, PrintStream to) {
    to.println("usage: java -jar ares-examples.jar " + command.usage());
    to.println("  " + command.summary());
    to.println(EXIT_STATUS);
  }

  private static final String EXIT_STATUS =
      "exit status: 0 success, 1 a negative answer (user errors, a failed verdict, a missed"
          + " threshold), 2 bad input or a failure";

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
