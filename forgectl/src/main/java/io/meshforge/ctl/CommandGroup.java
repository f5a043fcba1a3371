package io.meshforge.ctl;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code CommandGroup} is a command that only holds subcommands ({@code config}, {@code inspect},
 * {@code generate}): run alone it is a usage error naming the subcommands.
 */
abstract class CommandGroup implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "'" + spec.qualifiedName() + "' needs a subcommand: " + spec.subcommands().keySet());
  }
}
