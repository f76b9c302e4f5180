package dev.ares.examples;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of the examples program, such as {@code register}. */
interface Command {

  /** Exit status for success. */
  int OK = 0;

  /** Exit status when the service or check gave a negative answer (user errors, a bad verdict). */
  int REFUSED = 1;

  /** Exit status for bad input or a failure before any answer. */
  int BAD_INPUT = 2;

  /** The name typed on the command line. */
  String name();

  /** A one-line usage, such as {@code register [tenant.json]}. */
  String usage();

  /** What the command does, in one line. */
  String summary();

  /** Runs the command and returns the exit status. */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
