package io.meshforge.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code CtlVersion} is forgectl's own version, from the build (a filtered resource). */
public final class CtlVersion implements IVersionProvider {

  /** Returns the version forgectl was built as, or {@code dev} outside a Maven build. */
  public static String version() {
    try (InputStream in = CtlVersion.class.getResourceAsStream("forgectl-version.properties")) {
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
    return new String[] {"forgectl " + version()};
  }
}
