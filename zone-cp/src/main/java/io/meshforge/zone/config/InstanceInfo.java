package io.meshforge.zone.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * Who this control plane instance is: version, hostname and an id unique to this run (the owner
 * name in the leader lease, the control-plane id towards global).
 */
@Component
public class InstanceInfo {
  private final String version;
  private final String hostname;
  private final String instanceId;

  public InstanceInfo(ObjectProvider<BuildProperties> build) {
    BuildProperties props = build.getIfAvailable();
    this.version = props != null && props.getVersion() != null ? props.getVersion() : "dev";
    this.hostname = localHostname();
    this.instanceId = hostname + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String version() {
    return version;
  }

  public String hostname() {
    return hostname;
  }

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
