package io.meshforge.kds.transport;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code StreamResources} releases what a stream holds (watches, timers, registrations) once. */
final class StreamResources {

  private static final Logger log = LoggerFactory.getLogger(StreamResources.class);

  private final List<AutoCloseable> held = new ArrayList<>();
  private boolean closed;

  /** Adds something to release; released at once if the stream already ended. */
  void add(AutoCloseable resource) {
    boolean releaseNow;
    synchronized (this) {
      releaseNow = closed;
      if (!closed) {
        held.add(resource);
      }
    }
    if (releaseNow) {
      release(resource);
    }
  }

  /** Adds an action to run at close. */
  void onClose(Runnable action) {
    add((AutoCloseable) action::run);
  }

  /** Releases everything, once. */
  void close() {
    List<AutoCloseable> toRelease;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toRelease = List.copyOf(held);
      held.clear();
    }
    toRelease.forEach(StreamResources::release);
  }

  private static void release(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("releasing a KDS stream resource failed", e);
    }
  }
}
