package io.meshforge.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * Who this control plane instance is: version, hostname and an id unique to this run (the owner
 * name in a leader lease, the control-plane id in KDS messages).
 */
@Component
public class InstanceInfo {
  private final String version;
  private final String hostname;
  private final String instanceId;

  /** Reads the version from the build info when the build wrote one, else {@code dev}. */
  public InstanceInfo(ObjectProvider<BuildProperties> build) {
    BuildProperties props = build.getIfAvailable();
    this.version = props != null && props.getVersion() != null ? props.getVersion() : "dev";
    this.hostname = localHostname();
    this.instanceId = hostname + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Returns the MeshForge version. */
  public String version() {
    return version;
  }

  /** Returns the host name. */
  public String hostname() {
    return hostname;
  }

  /** Returns {@code <hostname>-<8 random hex digits>}, unique to this run. */
  public String instanceId() {
    return instanceId;
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
