package io.meshforge.zone.xds.envoy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The server name (SNI) a sidecar sends to reach one port of a service in a zone, and on which that
 * zone's ingress routes without terminating TLS (ADR 0018).
 *
 * <p>Shape: {@code <service>.<port>.<zone>.<mesh>.mf} — every label an RFC 1123 label (lowercase
 * letters, digits and inner hyphens, at most 63 characters), at most 253 characters in all. A name
 * that already is such a label (and holds no {@code --}) stands as it is; any other name is written
 * {@code x--<escaped>}, where lowercase letters and digits stay and every other UTF-8 byte becomes
 * {@code -<two lowercase hex digits>} (so {@code backend_v1} is {@code x--backend-5fv1}). Only the
 * service may span several labels (it is everything before the last four); an escaped service is
 * cut between labels where neither side is a hyphen. Port {@code 0} stands for a {@code
 * kuma.io/service} destination, which has no port of its own.
 *
 * <p>Reversible: {@link #parse} gives back exactly what {@link #of} was given, and refuses every
 * string {@link #of} could not have produced (so one destination has exactly one server name).
 *
 * @param mesh the mesh
 * @param service the {@code kuma.io/service} value or MeshService name
 * @param zone the zone whose ingress the name routes through
 * @param port the destination port, or 0 for a {@code kuma.io/service} destination
 */
public record SniName(String mesh, String service, String zone, int port) {

  /** The last label of every server name of this scheme. */
  public static final String SUFFIX = "mf";

  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 253;
  private static final String ESCAPED = "x--";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Checks the parts are present and the port is a port (or 0). */
  public SniName {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(zone, "zone");
    if (mesh.isEmpty() || service.isEmpty() || zone.isEmpty()) {
      throw new IllegalArgumentException("mesh, service and zone must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Returns the server name of a destination.
   *
   * @throws SniNameTooLongException when the zone or mesh does not fit one label or the whole name
   *     exceeds 253 characters
   */
  public static String of(String mesh, String service, String zone, int port) {
    return new SniName(mesh, service, zone, port).value();
  }

  /**
   * Returns this server name.
   *
   * @throws SniNameTooLongException when the zone or mesh does not fit one label or the whole name
   *     exceeds 253 characters
   */
  public String value() {
    List<String> labels = new ArrayList<>(serviceLabels(encode(service)));
    labels.add(Integer.toString(port));
    labels.add(singleLabel("zone", zone));
    labels.add(singleLabel("mesh", mesh));
    labels.add(SUFFIX);
    String name = String.join(".", labels);
    if (name.length() > MAX_NAME) {
      throw new SniNameTooLongException(
          "server name of " + service + " in " + zone + "/" + mesh + " exceeds 253 characters");
    }
    return name;
  }

  /**
   * Parses a server name of this scheme.
   *
   * @throws IllegalArgumentException when {@code name} is not one {@link #of} produces
   */
  public static SniName parse(String name) {
    Objects.requireNonNull(name, "name");
    if (name.length() > MAX_NAME) {
      throw new IllegalArgumentException("server name longer than 253 characters");
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 5 || !SUFFIX.equals(labels[labels.length - 1])) {
      throw new IllegalArgumentException("not a MeshForge server name: " + name);
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("not an RFC 1123 label: '" + label + "'");
      }
    }
    int n = labels.length;
    if (!PORT.matcher(labels[n - 4]).matches() || Integer.parseInt(labels[n - 4]) > 65535) {
      throw new IllegalArgumentException("not a port: " + labels[n - 4]);
    }
    SniName parsed =
        new SniName(
            decode(labels[n - 2]),
            decode(String.join("", Arrays.copyOfRange(labels, 0, n - 4))),
            decode(labels[n - 3]),
            Integer.parseInt(labels[n - 4]));
    if (!parsed.value().equals(name)) {
      throw new IllegalArgumentException("not the canonical server name: " + name);
    }
    return parsed;
  }

  private static String singleLabel(String what, String value) {
    String encoded = encode(value);
    if (encoded.length() > MAX_LABEL) {
      throw new SniNameTooLongException(
          "the " + what + " '" + value + "' does not fit one DNS label once encoded");
    }
    return encoded;
  }

  /** A plain label when the value is one, else the escaped form. */
  static String encode(String value) {
    if (LABEL.matcher(value).matches() && !value.contains("--")) {
      return value;
    }
    StringBuilder escaped = new StringBuilder(ESCAPED);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        escaped.append(c);
      } else {
        escaped.append('-').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return escaped.toString();
  }

  private static String decode(String encoded) {
    if (!encoded.startsWith(ESCAPED)) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = ESCAPED.length(); i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c != '-') {
        bytes.write(c);
        continue;
      }
      if (i + 2 >= encoded.length()) {
        throw new IllegalArgumentException("truncated escape in " + encoded);
      }
      int high = Character.digit(encoded.charAt(i + 1), 16);
      int low = Character.digit(encoded.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException("bad escape in " + encoded);
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("escaped bytes are not UTF-8 in " + encoded, e);
    }
  }

  /**
   * Cuts an encoded service into labels of at most 63 characters. A cut never sits next to a hyphen
   * (a label may neither start nor end with one); escapes never hold two hyphens in a row, so
   * backing off at most two characters always finds a place.
   */
  private static List<String> serviceLabels(String encoded) {
    List<String> labels = new ArrayList<>();
    int start = 0;
    while (encoded.length() - start > MAX_LABEL) {
      int cut = start + MAX_LABEL;
      while (encoded.charAt(cut) == '-' || encoded.charAt(cut - 1) == '-') {
        cut--;
      }
      labels.add(encoded.substring(start, cut));
      start = cut;
    }
    labels.add(encoded.substring(start));
    return labels;
  }
}
