package io.meshforge.kds.sync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code StateMarker} is what a KDS sender writes in {@code
 * DeltaDiscoveryResponse.system_version_info} so the receiver knows whether a response belongs to
 * the complete state of its type or is a delta, and which part of how many it is: {@code
 * complete;part=2;of=3} or {@code delta;part=1;of=1}.
 *
 * <p>The receiver reconciles (deletes what upstream lacks) only after the last part of a complete
 * state; parts are sent one at a time, each ACKed before the next.
 *
 * @param complete whether the response is a part of the complete state
 * @param part the 1-based index of this part
 * @param of how many parts the state or delta was split into
 */
public record StateMarker(boolean complete, int part, int of) {

  private static final Pattern FORMAT =
      Pattern.compile("(complete|delta);part=(\\d{1,9});of=(\\d{1,9})");

  public StateMarker {
    if (part < 1 || part > of) {
      throw new IllegalArgumentException("part " + part + " of " + of);
    }
  }

  /** Returns {@code true} when this is the last part. */
  public boolean last() {
    return part == of;
  }

  /** Returns the wire form. */
  public String format() {
    return (complete ? "complete" : "delta") + ";part=" + part + ";of=" + of;
  }

  /**
   * Parses the wire form.
   *
   * @throws IllegalArgumentException when the text is not a marker
   */
  public static StateMarker parse(String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("malformed state marker '" + text + "'");
    }
    return new StateMarker(
        matcher.group(1).equals("complete"),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }
}
