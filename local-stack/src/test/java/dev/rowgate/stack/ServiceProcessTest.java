package dev.rowgate.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  @TempDir
  Path dir;

  @Test
  void aServiceThatExitsWhileStartingIsReportedWithTheLastCauseItLogged() throws IOException {
    Path log = dir.resolve("service.log");
    Files.writeString(log, "Caused by: java.lang.Exception: a failure of an earlier run\n");
    ServiceProcess service = ServiceProcess.start("service", List.of(), List.of(program(
        "System.out.println(\"Caused by: java.lang.IllegalStateException: cannot start\");",
        "System.out.println(\"Caused by: org.postgresql.util.PSQLException: FATAL: database \\\"x\\\" does not exist\");",
        "System.out.println(\"\\tat org.postgresql.Driver.connect(Driver.java:1)\");",
        "System.exit(1);")), Map.of(), log);

    assertThatThrownBy(() -> service.awaitHttpOk("http://localhost:1/", Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("service exited with 1: org.postgresql.util.PSQLException: FATAL: database \"x\" does not exist; "
            + "see " + log);
  }

  @Test
  void aServiceThatLoggedNoCauseIsReportedWithItsExitCodeAlone() throws IOException {
    Path log = dir.resolve("service.log");
    Files.writeString(log, "Caused by: java.lang.Exception: a failure of an earlier run\n");
    ServiceProcess service = ServiceProcess.start("service", List.of(), List.of(program("System.exit(3);")),
        Map.of(), log);

    assertThatThrownBy(() -> service.awaitHttpOk("http://localhost:1/", Duration.ofSeconds(60)))
        .hasMessage("service exited with 3; see " + log);
  }

  /** A Java source file whose main method runs these statements, for the source-file launcher. */
  private String program(String... statements) throws IOException {
    Path source = dir.resolve("Program.java");
    Files.writeString(source, "public class Program { public static void main(String[] args) { "
        + String.join(" ", statements) + " } }");
    return source.toString();
  }
}
