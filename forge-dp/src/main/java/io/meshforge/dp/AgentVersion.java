package io.meshforge.dp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code AgentVersion} is forge-dp's own version, from the build (a filtered resource). It goes to
 * the zone CP with the bootstrap request (Kuma's {@code version.kumaDp.version}), which puts it in
 * the proxy's node metadata and from there in its DataplaneInsight.
 */
public final class AgentVersion implements IVersionProvider {

  /** Returns the version forge-dp was built as, or {@code dev} outside a Maven build. */
  public static String version() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("forge-dp-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "dev");
      return version.startsWith("@") ? "dev" : version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"forge-dp " + version()};
  }
}
