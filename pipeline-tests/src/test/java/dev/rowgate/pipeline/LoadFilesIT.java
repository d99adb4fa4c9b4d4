package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.HiringData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./run-local load}: the command itself, as a process, against a running pipeline. */
class LoadFilesIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of(Service.BACKUP, 0));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void theSampleFolderLoadsReferencedTablesFirstAndExitsOneForItsRejectedRows() throws Exception {
    Run run = load(HiringData.FOLDER.toString());

    assertThat(run.status()).as(run.output()).isEqualTo(1);
    List<String> lines = run.output().lines().toList();
    assertThat(lines).filteredOn(l -> l.contains("sending: 100%")).extracting(l -> l.substring(0, l.indexOf(" ->")))
        .containsExactly("departments.csv", "jobs.csv", "hired_employees.csv");
    assertThat(lines).anyMatch(l -> l.matches("departments\\.csv\\s+departments\\s+12\\s+12\\s+0\\s+12\\s+done.*"))
        .anyMatch(l -> l.matches("jobs\\.csv\\s+jobs\\s+183\\s+183\\s+0\\s+183\\s+done.*"))
        .anyMatch(l -> l.matches("hired_employees\\.csv\\s+hired_employees\\s+1999\\s+1929\\s+70\\s+1929\\s+done.*"));
    assertThat(lines).anyMatch(l -> l.startsWith("hired_employees.csv -> hired_employees: rows done: 100% (1999 of 1999"));
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(1929);
  }

  @Test
  void aFileOfNoTableOrARowgateNotThereIsNotLoadedAndExitsTwo() throws Exception {
    Path file = Path.of("target", "load-files", "nothing.csv").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "1,a\n");
    Path jobs = Path.of("target", "load-files", "more-jobs.csv").toAbsolutePath();
    Files.writeString(jobs, "900,Loader\n");

    Run run = load(file.toString());
    Run named = load("--table", "jobs", jobs.toString());
    Run away = load("--url", "http://localhost:1", jobs.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("nothing.csv", "NOT LOADED: no table nothing (tables: departments, jobs, "
        + "hired_employees)");
    assertThat(named.status()).as(named.output()).isZero();
    assertThat(pipeline.count("SELECT count(*) FROM jobs WHERE id = 900")).isEqualTo(1);
    assertThat(away.status()).isEqualTo(2);
    assertThat(away.output()).contains("rowgate does not answer at http://localhost:1");
  }

  record Run(int status, String output) {
  }

  /** Runs {@code load} of the stack's runnable jar, as {@code ./run-local load} does, with its output not a terminal. */
  private static Run load(String... arguments) throws IOException, InterruptedException {
    Path jar;
    try (var files = Files.list(Path.of("..", "local-stack", "target"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
    }
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
        jar.toString(), "load", "--url", pipeline.stack.url(Service.INGEST_API, 1)));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ROWGATE_PASSWORD", pipeline.stack.adminPassword());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
