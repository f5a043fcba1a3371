package io.meshforge.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PLAIN = "the CA private key".getBytes(StandardCharsets.UTF_8);

  private final SecretsKey key = SecretsKey.generate(RANDOM);
  private final SecretSeal seal = SecretSeal.of(key);

  @Test
  void seal_roundTrip_opensToThePlaintextAndHidesIt() {
    String sealed = seal.seal(PLAIN, "Secret/default/x");

    assertThat(sealed).startsWith("mfseal1." + key.id() + ".").doesNotContain("CA private");
    assertThat(seal.open(sealed, "Secret/default/x")).isEqualTo(PLAIN);
  }

  @Test
  void seal_twice_givesDifferentCiphertexts() {
    assertThat(seal.seal(PLAIN, "c")).isNotEqualTo(seal.seal(PLAIN, "c"));
  }

  @Test
  void open_otherContext_isRefused() {
    String sealed = seal.seal(PLAIN, "Secret/default/x");

    assertThatThrownBy(() -> seal.open(sealed, "Secret/other/x"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining(key.id());
  }

  @Test
  void open_otherKey_isRefusedNamingBothKeys() {
    String sealed = seal.seal(PLAIN, "c");
    SecretsKey other = SecretsKey.generate(RANDOM);

    assertThatThrownBy(() -> SecretSeal.of(other).open(sealed, "c"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining(key.id())
        .hasMessageContaining(other.id());
  }

  @Test
  void open_alteredCiphertext_isRefused() {
    String sealed = seal.seal(PLAIN, "c");
    char last = sealed.charAt(sealed.length() - 2);
    String altered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);

    assertThatThrownBy(() -> seal.open(altered, "c")).isInstanceOf(SealException.class);
    assertThatThrownBy(() -> seal.open("not sealed", "c")).isInstanceOf(SealException.class);
  }

  @Test
  void open_previousKey_opensWhatItSealed() {
    SecretsKey rotated = SecretsKey.generate(RANDOM);
    SecretSeal afterRotation = new SecretSeal(rotated, List.of(key), RANDOM);
    String old = seal.seal(PLAIN, "c");

    assertThat(afterRotation.open(old, "c")).isEqualTo(PLAIN);
    assertThat(afterRotation.seal(PLAIN, "c")).contains(rotated.id());
  }

  @Test
  void loadOrCreate_newFile_writesAnOwnerOnlyKeyThatLoadsBackEqual(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sub/secrets.key");

    SecretsKey created = SecretsKey.loadOrCreate(file, RANDOM);
    SecretsKey again = SecretsKey.loadOrCreate(file, RANDOM);

    assertThat(again).isEqualTo(created);
    assertThat(SecretsKey.load(file).id()).isEqualTo(created.id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(created.toString()).doesNotContain(created.encoded());
  }

  @Test
  void parse_wrongLength_isRefused() {
    assertThatThrownBy(() -> SecretsKey.parse("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
