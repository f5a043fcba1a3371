package io.meshforge.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.store.InMemoryResourceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiAuthenticatorTest {

  @TempDir Path stateDir;

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final InstantSource clock = now::get;
  private final UserTokens users = new UserTokens(store, store.view(), clock);

  private ApiAuthenticator authenticator(boolean localhostIsAdmin) {
    return new ApiAuthenticator(AdminToken.loadOrCreate(stateDir), users, localhostIsAdmin);
  }

  private String adminToken() throws Exception {
    return Files.readString(stateDir.resolve(AdminToken.FILE_NAME)).trim();
  }

  @Test
  void adminToken_fileIsOwnerOnly_andAuthenticatesTheAdmin() throws Exception {
    ApiAuthenticator authenticator = authenticator(false);
    assertThat(Files.getPosixFilePermissions(stateDir.resolve(AdminToken.FILE_NAME)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    ApiCaller caller = authenticator.authenticate("Bearer " + adminToken(), "10.0.0.1");
    assertThat(caller.isAdmin()).isTrue();
    assertThat(authenticator.authenticate("bearer  " + adminToken(), "10.0.0.1").isAdmin())
        .isTrue();
  }

  @Test
  void userToken_isItsUser_andAdminOnlyWithTheAdminGroup() throws Exception {
    ApiAuthenticator authenticator = authenticator(false);
    String alice = users.issue("alice", Set.of("team-a"), Duration.ofHours(1)).token();
    ApiCaller caller = authenticator.authenticate("Bearer " + alice, "10.0.0.1");
    assertThat(caller.name()).isEqualTo("alice");
    assertThat(caller.groups()).containsExactly("team-a");
    assertThat(caller.isAdmin()).isFalse();

    String root = users.issue("root", Set.of(ApiCaller.ADMIN_GROUP), Duration.ofHours(1)).token();
    assertThat(authenticator.authenticate("Bearer " + root, "10.0.0.1").isAdmin()).isTrue();
  }

  @Test
  void userToken_expiredOrRevoked_isRefused() throws Exception {
    ApiAuthenticator authenticator = authenticator(false);
    var expiring = users.issue("bob", Set.of(), Duration.ofMinutes(1));
    now.set(now.get().plus(Duration.ofMinutes(2)));
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + expiring.token(), "10.0.0.1"))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("expired");

    var revoked = users.issue("bob", Set.of(), Duration.ofHours(1));
    assertThat(authenticator.authenticate("Bearer " + revoked.token(), "10.0.0.1").name())
        .isEqualTo("bob");
    users.revoke(revoked.jti());
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + revoked.token(), "10.0.0.1"))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void userToken_ofAnotherControlPlane_isRefused() {
    users.issue("local", Set.of(), Duration.ofHours(1)); // both now have a key with kid 1
    InMemoryResourceStore other = new InMemoryResourceStore();
    String foreign =
        new UserTokens(other, other.view(), clock)
            .issue("eve", Set.of(ApiCaller.ADMIN_GROUP), Duration.ofHours(1))
            .token();
    assertThatThrownBy(() -> authenticator(false).authenticate("Bearer " + foreign, "10.0.0.1"))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("signature");
  }

  @ParameterizedTest(name = "[{0}] from {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "null, 127.0.0.1",
        "'', 10.0.0.1",
        "Basic YWRtaW46YWRtaW4=, 10.0.0.1",
        "Bearer, 10.0.0.1",
        "Bearer not-the-admin-token, 127.0.0.1",
        "Bearer a.b.c, 10.0.0.1",
      })
  void missingOrUnknownCredential_isRefused_andTheMessageNeverQuotesIt(
      String header, String remote) {
    assertThatThrownBy(() -> authenticator(false).authenticate(header, remote))
        .isInstanceOf(UnauthenticatedException.class)
        .message()
        .doesNotContain("not-the-admin-token")
        .doesNotContain("YWRtaW46YWRtaW4=");
  }

  @ParameterizedTest(name = "from {0}: admin {1}")
  @CsvSource({
    "127.0.0.1, true",
    "127.0.0.2, true",
    "::1, true",
    "0:0:0:0:0:0:0:1, true",
    "10.0.0.1, false",
    "localhost.example.com, false"
  })
  void localhostIsAdmin_onlyForLoopbackPeersWithoutAHeader(String remote, boolean admin)
      throws Exception {
    ApiAuthenticator authenticator = authenticator(true);
    if (admin) {
      assertThat(authenticator.authenticate(null, remote).isAdmin()).isTrue();
      // A header is still checked: the knob never turns a bad token into the admin.
      assertThatThrownBy(() -> authenticator.authenticate("Bearer wrong", remote))
          .isInstanceOf(UnauthenticatedException.class);
    } else {
      assertThatThrownBy(() -> authenticator.authenticate(null, remote))
          .isInstanceOf(UnauthenticatedException.class);
    }
  }
}
