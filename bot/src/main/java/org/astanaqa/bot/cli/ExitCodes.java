package org.astanaqa.bot.cli;

/** The command line's exit statuses. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
