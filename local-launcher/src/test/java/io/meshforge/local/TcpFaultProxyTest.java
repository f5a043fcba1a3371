package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpFaultProxyTest {
  private ServerSocket echo;
  private TcpFaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(() -> {
          while (!echo.isClosed()) {
            try {
              Socket s = echo.accept();
              Thread.ofVirtual().start(() -> echoLoop(s));
            } catch (IOException e) {
              return;
            }
          }
        });
    proxy = TcpFaultProxy.start(echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void healthy_forwardsBothWays() throws IOException {
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "hello")).isEqualTo("hello");
    }
  }

  @Test
  void blackhole_dropsBytesSilently_andHealRestoresTheSameConnection() throws IOException {
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "one")).isEqualTo("one");
      proxy.blackhole(true);
      client.getOutputStream().write("lost".getBytes());
      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      proxy.heal();
      assertThat(roundTrip(client, "two")).isEqualTo("two");
    }
  }

  @Test
  void resetAll_breaksOpenConnections() throws IOException {
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "x")).isEqualTo("x");
      proxy.resetAll();
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 50; i++) {
                  roundTrip(client, "y");
                }
              })
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void stallDownstream_holdsTheServersBytes_andHealDeliversThemOnTheSameConnection()
      throws IOException {
    try (Socket client = connect()) {
      assertThat(roundTrip(client, "one")).isEqualTo("one");
      proxy.stallDownstream(true);
      client.getOutputStream().write("held".getBytes());
      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      proxy.heal();
      assertThat(new String(client.getInputStream().readNBytes(4))).isEqualTo("held");
    }
  }

  @Test
  void targetDown_clientIsClosedAtOnce_notLeftHanging() throws IOException {
    // A port held by a bound socket that never listens: connections to it are refused, and no
    // other test can start listening on it meanwhile (a closed server's port could be reused by
    // one, and the proxy would then connect and leave the client waiting).
    try (Socket placeholder = new Socket()) {
      placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      assertTargetDownClosesClient(placeholder.getLocalPort());
    }
  }

  private static void assertTargetDownClosesClient(int port) throws IOException {
    try (TcpFaultProxy toNowhere = TcpFaultProxy.start(port);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), toNowhere.port())) {
      client.setSoTimeout(3_000);
      assertThatThrownBy(
              () -> {
                if (client.getInputStream().read() >= 0) {
                  throw new AssertionError("bytes from nowhere");
                }
                throw new IOException("closed");
              })
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void delay_addsLatency() throws IOException {
    proxy.delay(Duration.ofMillis(150), Duration.ZERO);
    try (Socket client = connect()) {
      long start = System.nanoTime();
      assertThat(roundTrip(client, "slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(290));
    }
  }

  /**
   * 128 KB through a 64 KB/s link with 200 ms latency (and back through the echo): about 2 s of
   * transmission plus a latency each way, because chunks in flight overlap. A proxy that slept the
   * latency before forwarding each 8 KB chunk would need over 5 s one way.
   */
  @Test
  void delayAndThrottle_actLikeALink_chunksInFlightOverlap() throws Exception {
    proxy.delay(Duration.ofMillis(200), Duration.ofMillis(50));
    proxy.throttle(64 * 1024);
    byte[] payload = new byte[128 * 1024];
    java.util.Arrays.fill(payload, (byte) 'x');
    try (Socket client = connect()) {
      client.setSoTimeout(10_000);
      long start = System.nanoTime();
      Thread writer =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  client.getOutputStream().write(payload);
                  client.getOutputStream().flush();
                } catch (IOException e) {
                  // the read below fails too
                }
              });
      byte[] back = client.getInputStream().readNBytes(payload.length);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      writer.join(5_000);
      assertThat(back).isEqualTo(payload);
      assertThat(took).isBetween(Duration.ofMillis(2_000), Duration.ofMillis(3_500));
      assertThat(proxy.bytesToServer()).isEqualTo(payload.length);
      assertThat(proxy.bytesToClient()).isEqualTo(payload.length);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    socket.setSoTimeout(1_000);
    return socket;
  }

  private static String roundTrip(Socket client, String text) throws IOException {
    OutputStream out = client.getOutputStream();
    out.write(text.getBytes());
    out.flush();
    InputStream in = client.getInputStream();
    byte[] buffer = new byte[text.length()];
    int read = 0;
    while (read < buffer.length) {
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        throw new IOException("closed");
      }
      read += n;
    }
    return new String(buffer);
  }

  private static void echoLoop(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // client gone
    }
  }
}
