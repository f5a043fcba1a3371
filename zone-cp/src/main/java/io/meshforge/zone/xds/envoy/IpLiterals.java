package io.meshforge.zone.xds.envoy;

import java.util.regex.Pattern;

/**
 * Tells IP literals from hostnames, syntactically (nothing is resolved): EDS and static clusters
 * take IPs only, a hostname needs a DNS cluster.
 */
public final class IpLiterals {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpLiterals() {}

  /** Returns whether {@code address} is an IPv4 or IPv6 literal. */
  public static boolean isIp(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    if (IPV4.matcher(address).matches()) {
      return true;
    }
    return address.contains(":") && IPV6.matcher(address).matches();
  }
}
