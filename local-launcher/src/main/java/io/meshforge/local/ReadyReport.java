package io.meshforge.local;

import static io.meshforge.local.LocalLauncher.localhost;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ReadyReport} is what the launcher prints once everything is up: where to look, a forgectl
 * context, and a {@code curl} that crosses zones. Its first line, {@link #READY}, is what scripts
 * and the end-to-end test wait for.
 *
 * @param state the state directory
 * @param ports the port layout
 * @param global global
 * @param zones the zones, in order
 * @param demo whether the demo workloads run
 * @param clientZone where demo-app runs
 * @param backendZone where backend runs
 * @param recordsCaches whether this run records start-up caches (written when it stops)
 */
public record ReadyReport(
    Path state,
    LocalPorts ports,
    GlobalNode global,
    List<ZoneNode> zones,
    boolean demo,
    ZoneNode clientZone,
    ZoneNode backendZone,
    boolean recordsCaches) {

  /** The first line of the report. */
  public static final String READY = "MeshForge is running";

  /** The report, after {@code seconds} of start-up. */
  public String text(long seconds) {
    StringBuilder out = new StringBuilder("\n");
    out.append(READY).append(" (everything up in ").append(seconds).append(" s).\n\n");
    out.append(String.format("  %-14s%s%n", "Global API", localhost(ports.globalApi())));
    // The link hands the admin token to the GUI, which stores it for the tab and drops it from
    // the address bar; the API denies requests without a token (ADR 0024).
    out.append(
        String.format(
            "  %-14s%s/gui/#token=%s%n", "GUI", localhost(ports.globalApi()), global.adminToken()));
    for (int i = 0; i < zones.size(); i++) {
      ZoneNode zone = zones.get(i);
      out.append(
          String.format("  %-14s%s", "Zone " + zone.name(), localhost(zone.spec().apiPort())));
      if (demo) {
        out.append("   ingress 127.0.0.1:").append(ports.zone(i).ingress());
      }
      out.append('\n');
    }
    out.append("  Logs          ")
        .append(state)
        .append("/*/*.log, ")
        .append(state)
        .append("/demo/*.log\n");
    if (demo) {
      appendDemo(out);
    }
    out.append("  Admin tokens  ")
        .append(state.resolve("global").resolve("admin-token"))
        .append(" (and zone-*/admin-token)\n");
    out.append("\nforgectl (the CLI):\n");
    out.append("  bin/forgectl config control-planes add --name local --address ")
        .append(localhost(ports.globalApi()))
        .append(" --overwrite \\\n      --auth-type tokens --auth-conf token=$(cat ")
        .append(state.resolve("global").resolve("admin-token"))
        .append(")\n");
    out.append("  bin/forgectl inspect zones                      # both zones Online\n");
    out.append("  bin/forgectl get dataplanes -m ")
        .append(LocalLauncher.MESH)
        .append("                # demo-app and backend (with zone suffixes)\n");
    out.append("  bin/forgectl get zoneingresses                  # one per zone\n");
    if (recordsCaches) {
      out.append(
          "\nThis run records start-up caches for the next one: stopping takes a few seconds"
              + " longer while the control planes write them.\n");
    }
    out.append("\nPress Ctrl-C to stop everything (state is kept in ").append(state).append(").\n");
    return out.toString();
  }

  private void appendDemo(StringBuilder out) {
    int outbound = ports.zone(0).demoAppOutbound();
    out.append("\nDemo (mesh ")
        .append(LocalLauncher.MESH)
        .append(", builtin mTLS): demo-app runs in ")
        .append(clientZone.name())
        .append(", backend only in ")
        .append(backendZone.name())
        .append(".\ndemo-app's sidecar listens for backend on 127.0.0.1:")
        .append(outbound)
        .append("; a request there goes to ")
        .append(backendZone.name())
        .append("'s ingress and answers from ")
        .append(backendZone.name())
        .append(":\n\n");
    out.append("  curl -s ").append(localhost(outbound)).append("/\n");
    out.append("  backend in ").append(backendZone.name()).append("\n");
  }
}
