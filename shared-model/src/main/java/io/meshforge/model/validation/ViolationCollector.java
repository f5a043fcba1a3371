package io.meshforge.model.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ViolationCollector} accumulates violations while a validator walks a document, keeping
 * track of the path of the field being looked at.
 *
 * <p>{@link #field}, {@link #index} and {@link #key} return a collector positioned deeper in the
 * document that shares the same list, so nested validators never have to build paths by hand:
 *
 * <pre>{@code
 * ViolationCollector root = ViolationCollector.root();
 * root.field("spec").field("to").index(0).field("default").add("must be an object");
 * // -> spec.to[0].default: must be an object
 * }</pre>
 *
 * <p>Not thread-safe: one collector (and its children) belongs to one validation run.
 */
public final class ViolationCollector {

  private final List<Violation> sink;
  private final String path;

  private ViolationCollector(List<Violation> sink, String path) {
    this.sink = sink;
    this.path = path;
  }

  /** Returns an empty collector positioned at the document root. */
  public static ViolationCollector root() {
    return new ViolationCollector(new ArrayList<>(), "");
  }

  /** Returns an empty collector whose paths all start with {@code prefix}. */
  public static ViolationCollector at(String prefix) {
    return new ViolationCollector(new ArrayList<>(), prefix);
  }

  /** Returns a collector for the named field below the current position. */
  public ViolationCollector field(String name) {
    return new ViolationCollector(sink, path.isEmpty() ? name : path + "." + name);
  }

  /** Returns a collector for the list element at {@code index} below the current position. */
  public ViolationCollector index(int index) {
    return new ViolationCollector(sink, path + "[" + index + "]");
  }

  /** Returns a collector for the map entry with this key, written {@code ["key"]}. */
  public ViolationCollector key(String key) {
    String escaped = key.replace("\\", "\\\\").replace("\"", "\\\"");
    return new ViolationCollector(sink, path + "[\"" + escaped + "\"]");
  }

  /** Returns the path of the current position ({@code ""} at the root). */
  public String path() {
    return path;
  }

  /** Records a violation at the current position. */
  public void add(String message) {
    sink.add(new Violation(path, message));
  }

  /** Records a violation that already carries its own path, e.g. from another validator. */
  public void add(Violation violation) {
    sink.add(violation);
  }

  /** Returns {@code true} when nothing has been recorded, by this collector or any sharing it. */
  public boolean isEmpty() {
    return sink.isEmpty();
  }

  /** Returns how many violations have been recorded so far. */
  public int size() {
    return sink.size();
  }

  /** Returns a copy of every violation recorded so far, in order. */
  public List<Violation> violations() {
    return List.copyOf(sink);
  }

  /**
   * Throws a {@link ValidationException} carrying every recorded violation, if there are any.
   *
   * @throws ValidationException when at least one violation was recorded
   */
  public void throwIfAny() {
    if (!sink.isEmpty()) {
      throw new ValidationException(violations());
    }
  }
}
