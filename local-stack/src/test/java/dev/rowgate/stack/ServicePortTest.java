package dev.rowgate.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class ServicePortTest {

  @Test
  void aServicesPortThatAnotherProcessListensOnIsRefusedWithWhatToDo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> ServiceProcesses.requireFree("ingest-api-1", taken.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("port " + taken.getLocalPort() + " of ingest-api-1 is in use by another process")
          .hasMessageContaining("ss -ltnp");
    }
  }

  @Test
  void aFreePortIsTaken() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    assertThatCode(() -> ServiceProcesses.requireFree("ingest-api-1", port)).doesNotThrowAnyException();
  }
}
