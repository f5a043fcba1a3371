package io.meshforge.ctl;

import io.meshforge.model.ResourceTypes;
import io.meshforge.model.validation.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code forgectl apply -f FILE|DIR|- [-v name=value] [--dry-run]}: creates or updates every
 * resource of the input with {@code PUT}, Meshes first, stopping at the first error (as kumactl
 * does).
 *
 * <p>Every input is read and parsed before anything is sent, so a typo in the last file of a
 * directory leaves the control plane untouched. A real apply leaves validation to the control plane
 * (it may know types and fields this client does not); {@code --dry-run} validates with the
 * client's own rules and prints the resources as they would be stored, sending nothing.
 */
@Command(
    name = "apply",
    description = "Creates or updates resources from YAML or JSON (a file, a directory or -).")
final class ApplyCommand extends CtlCommand {
  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "A file, a directory (its *.yaml, *.yml, *.json in name order) or - (stdin).")
  String file;

  @Option(
      names = {"-v", "--var"},
      description = "Fills {{ NAME }} placeholders: -v NAME=VALUE (repeatable).")
  Map<String, String> variables = Map.of();

  @Option(
      names = "--dry-run",
      description = "Validate and print what would be applied; send nothing.")
  boolean dryRun;

  @Override
  void run() {
    TemplateVariables templates = new TemplateVariables(variables);
    List<Manifest> manifests = new ArrayList<>();
    for (ManifestSource source : ManifestSource.read(file, root().invocation().in())) {
      manifests.addAll(Manifest.read(source, templates, CODEC));
    }
    // Meshes first: every other mesh-scoped resource of the batch needs its Mesh to exist.
    manifests.sort(Comparator.comparing(m -> !m.type().equals(ResourceTypes.MESH)));
    if (dryRun) {
      printValidated(manifests);
      return;
    }
    ApiClient client = client();
    for (Manifest manifest : manifests) {
      ApiAnswer answer =
          client.require(
              client.put(manifest.path(), manifest.document()),
              "applying " + manifest.described() + " from " + manifest.origin());
      out().println(manifest.described() + (answer.status() == 201 ? " created" : " updated"));
    }
  }

  private void printValidated(List<Manifest> manifests) {
    List<String> rendered = new ArrayList<>();
    for (Manifest manifest : manifests) {
      try {
        rendered.add(CODEC.toYaml(CODEC.decode(manifest.document())));
      } catch (ValidationException e) {
        throw new CtlException(Manifest.describe(manifest.origin(), e));
      }
    }
    for (int i = 0; i < rendered.size(); i++) {
      if (i > 0) {
        out().println("---");
      }
      out().print(rendered.get(i));
    }
  }
}
