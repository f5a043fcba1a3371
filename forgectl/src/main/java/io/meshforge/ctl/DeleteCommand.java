package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code forgectl delete TYPE NAME [--mesh M]}. */
@Command(name = "delete", description = "Deletes a resource: 'delete meshtimeout NAME -m default'.")
final class DeleteCommand extends CtlCommand {
  @Parameters(index = "0", paramLabel = "TYPE", description = "Resource type.")
  String typeName;

  @Parameters(index = "1", paramLabel = "NAME", description = "Resource name.")
  String name;

  @Option(
      names = {"-m", "--mesh"},
      defaultValue = "default",
      description = "Mesh (default: default).")
  String mesh;

  @Override
  void run() {
    ResourceType type = TypeNames.resolve(typeName);
    String described = ResourcePaths.describe(type, mesh, name);
    ApiClient client = client();
    ApiAnswer answer = client.delete(ResourcePaths.item(type, mesh, name));
    if (answer.status() == 404) {
      throw new CtlException("there is no " + described);
    }
    client.require(answer, "deleting " + described);
    out().println("deleted " + described);
  }
}
