package dev.ares.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line of file names and the {@code --fake} switch: with it, a command runs a tenant file
 * against loopback fakes; without it, a file given by the user is never run against a fake.
 */
record Arguments(boolean fake, List<String> files) {

  /** The switch that asks for loopback fakes. */
  static final String FAKE = "--fake";

  Arguments {
    files = List.copyOf(files);
  }

  /**
   * The switch and the file names of {@code args}.
   *
   * @throws BadInputException whose message is {@code usage: <usage>}, for an option other than
   *     {@code --fake} or more than {@code maxFiles} files; {@code unknown option -x ...} for a
   *     one-dash option
   */
  static Arguments parse(List<String> args, int maxFiles, String usage) {
    boolean fake = false;
    List<String> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(FAKE)) {
        fake = true;
      } else if (arg.startsWith("--")) {
        throw new BadInputException("usage: " + usage);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        // An option no command has, not a file: a file of that name is ./-x
        throw new BadInputException(
            TenantFiles.oneLine(
                "unknown option "
                    + arg
                    + " (a file of that name: ./"
                    + arg
                    + "); usage: "
                    + usage));
      } else {
        files.add(arg);
      }
    }
    if (files.size() > maxFiles) {
      throw new BadInputException("usage: " + usage);
    }
    return new Arguments(fake, files);
  }
}
