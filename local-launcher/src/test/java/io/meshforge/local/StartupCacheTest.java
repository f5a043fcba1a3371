package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {
  @TempDir Path dir;

  @Test
  void prepare_jarThatCannotBeExtracted_runsAsItIsWithoutCache() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("broken-exec.jar"), "not a jar");

    StartupCache.Prepared prepared = StartupCache.prepare(notAJar, dir.resolve("cache"));

    assertThat(prepared.jar()).isEqualTo(notAJar);
    assertThat(prepared.jvmOptions()).isEmpty();
    assertThat(prepared.records()).isFalse();
  }

  @Test
  void publish_recordedCache_movesIntoPlace() throws Exception {
    Path recording = Files.writeString(dir.resolve("classes.aot.recording"), "cache bytes");
    Path cache = dir.resolve("classes.aot");

    new StartupCache.Prepared(dir.resolve("x.jar"), List.of(), recording, cache).publish();

    assertThat(cache).hasContent("cache bytes");
    assertThat(recording).doesNotExist();
  }

  @Test
  void publish_emptyRecording_isDroppedAndNoCacheAppears() throws Exception {
    Path recording = Files.createFile(dir.resolve("classes.aot.recording"));
    Path cache = dir.resolve("classes.aot");

    new StartupCache.Prepared(dir.resolve("x.jar"), List.of(), recording, cache).publish();

    assertThat(cache).doesNotExist();
    assertThat(recording).doesNotExist();
  }
}
