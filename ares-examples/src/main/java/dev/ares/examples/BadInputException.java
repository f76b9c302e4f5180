package dev.ares.examples;

/** Input a command cannot use; its message is the one line printed, and the exit status is 2. */
final class BadInputException extends RuntimeException {

  BadInputException(String message) {
    super(message);
  }
}
