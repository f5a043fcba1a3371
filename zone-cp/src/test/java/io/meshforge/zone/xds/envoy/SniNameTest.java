package io.meshforge.zone.xds.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SniNameTest {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("default", "backend", "west", 0, "backend.0.west.default.mf"),
        Arguments.of("demo", "redis", "east-1", 6379, "redis.6379.east-1.demo.mf"),
        Arguments.of(
            "default",
            "backend_kuma-demo_svc_8080",
            "west",
            0,
            "x--backend-5fkuma-2ddemo-5fsvc-5f8080.0.west.default.mf"),
        Arguments.of("default", "Web", "west", 80, "x---57eb.80.west.default.mf"),
        Arguments.of("default", "a--b", "west", 1, "x--a-2d-2db.1.west.default.mf"),
        Arguments.of("m.1", "web", "z", 65535, "web.65535.z.x--m-2e1.mf"));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void of_knownDestinations_giveTheDocumentedNames(
      String mesh, String service, String zone, int port, String expected) {
    assertThat(SniName.of(mesh, service, zone, port)).isEqualTo(expected);
    assertThat(SniName.parse(expected)).isEqualTo(new SniName(mesh, service, zone, port));
  }

  /** Property: for random names of any characters, the name is valid DNS and parses back. */
  @ParameterizedTest
  @MethodSource("seeds")
  void ofThenParse_randomNames_roundTripThroughValidLabels(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      SniName sni =
          new SniName(
              randomName(random, 1 + random.nextInt(15)),
              randomName(random, 1 + random.nextInt(seed % 2 == 0 ? 40 : 120)),
              randomName(random, 1 + random.nextInt(15)),
              random.nextInt(65536));
      String value;
      try {
        value = sni.value();
      } catch (SniNameTooLongException tooLong) {
        continue; // a long service of escaped characters may not fit: refused, never truncated
      }
      assertThat(value.length()).isLessThanOrEqualTo(253);
      assertThat(value.split("\\.", -1)).allSatisfy(l -> assertThat(l).matches(LABEL));
      assertThat(SniName.parse(value)).isEqualTo(sni);
    }
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 20).mapToObj(i -> 1000L + i);
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 100, 180})
  void of_serviceLongerThanOneLabel_spansSeveralLabels(int length) {
    String service = "b".repeat(length - 1) + "_";
    String value = SniName.of("default", service, "west", 8080);

    assertThat(value.split("\\.")).hasSizeGreaterThan(5).allMatch(l -> l.length() <= 63);
    assertThat(SniName.parse(value).service()).isEqualTo(service);
  }

  static Stream<Arguments> tooLong() {
    String long64 = "a".repeat(64);
    return Stream.of(
        Arguments.of(long64, "web", "west"),
        Arguments.of("default", "web", long64),
        Arguments.of("default", "_".repeat(100), "west"));
  }

  @ParameterizedTest
  @MethodSource("tooLong")
  void of_namesThatDoNotFit_areRefused(String mesh, String service, String zone) {
    assertThatThrownBy(() -> SniName.of(mesh, service, zone, 80))
        .isInstanceOf(SniNameTooLongException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "backend{mesh=default}",
        "backend.0.west.default",
        "backend.0.west.default.ms",
        "backend.70000.west.default.mf",
        "backend.080.west.default.mf",
        "x--backend.0.west.default.mf",
        "x--a-61.0.west.default.mf",
        "x--a-4.0.west.default.mf",
        "x--a-ff.0.west.default.mf",
        "ab.cd.0.west.default.mf",
        "Backend.0.west.default.mf",
        "-a.0.west.default.mf",
        ".0.west.default.mf"
      })
  void parse_namesTheSchemeNeverProduces_areRefused(String name) {
    assertThatThrownBy(() -> SniName.parse(name)).isInstanceOf(IllegalArgumentException.class);
  }

  private static String randomName(Random random, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.ABZ:/é";
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      name.append(
          random.nextInt(10) == 0
              ? (char) (0x4e00 + random.nextInt(100))
              : alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }
}
