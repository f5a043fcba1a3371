package io.meshforge.dp;

import java.util.Locale;
import picocli.CommandLine;

/**
 * The kinds of proxy forge-dp runs, as {@code --proxy-type} and the bootstrap request name them.
 */
public enum ProxyType {
  /** A sidecar of one Dataplane. */
  DATAPLANE,
  /** A zone ingress: the file is a ZoneIngress and the token a zone ingress token. */
  INGRESS,
  /** A zone egress: the file is a ZoneEgress and the token a zone egress token. */
  EGRESS;

  /** Returns the name the zone CP's {@code /bootstrap} expects in {@code proxyType}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code --proxy-type}; an unknown value is a usage error naming the accepted ones. */
  static final class Converter implements CommandLine.ITypeConverter<ProxyType> {
    @Override
    public ProxyType convert(String value) {
      for (ProxyType type : values()) {
        if (type.wireName().equals(value)) {
          return type;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a proxy type (dataplane, ingress, egress)");
    }
  }
}
