package dev.rowgate.pipeline;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.Stack;
import dev.rowgate.stack.test.HiringData;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.TestInfrastructure;
import dev.rowgate.stack.test.TestJvm;
import tools.jackson.databind.JsonNode;

/** The pipeline under test: the services as processes on a broker of their own and a database of their own. */
final class Pipeline implements AutoCloseable {

  /**
   * How long the writers let a hire wait for a missing department: short, so that the hires naming
   * none (GeneratedHires) go through the wait, across the crashes of the tests, and are refused soon.
   */
  static final String REFERENCE_WAIT = "3s";

  final Stack stack;
  final Http api;
  /** The PostgreSQL of the pipeline's own, which the test may stop or kill; null on a shared server. */
  private OwnDatabase database;

  private Pipeline(Stack stack) {
    this.stack = stack;
    this.api = new Http(stack.url(Service.INGEST_API, 1)).withBasicAuth("admin", stack.adminPassword());
  }

  static Pipeline start(Map<Service, Integer> instances) {
    return start(instances, Map.of());
  }

  /** Loads the departments and jobs of the hiring data, which hires refer to. */
  Pipeline withDepartmentsAndJobs() {
    for (String table : new String[] {"departments", "jobs"}) {
      awaitBatch(sendHiringData(table));
    }
    return this;
  }

  static Pipeline start(Map<Service, Integer> instances, Map<Service, String> heap) {
    return start(instances, heap, null);
  }

  /** @param kafkaServers a broker the test runs itself, or null for one in the stack's JVM */
  static Pipeline start(Map<Service, Integer> instances, Map<Service, String> heap, String kafkaServers) {
    return start(instances, heap, kafkaServers, TestInfrastructure.newDatabase());
  }

  /** @param dbUrl a database the test runs itself */
  static Pipeline start(Map<Service, Integer> instances, Map<Service, String> heap, String kafkaServers,
                        String dbUrl) {
    return start(instances, heap, kafkaServers, dbUrl, Map.of());
  }

  /** The pipeline with more environment for every service. */
  static Pipeline withEnvironment(Map<Service, Integer> instances, Map<String, String> environment) {
    return start(instances, Map.of(), null, TestInfrastructure.newDatabase(), environment);
  }

  /** The pipeline on the table definitions of a directory of the test's own. */
  static Pipeline withDefinitions(Path definitions) {
    return start(Map.of(), Map.of(), null, TestInfrastructure.newDatabase(),
        Map.of("ROWGATE_DEFINITIONS_DIR", definitions.toAbsolutePath().toString()));
  }

  /** The pipeline without backup-service on a PostgreSQL of its own ({@link #database()}), closed with it. */
  static Pipeline onOwnDatabase() {
    OwnDatabase database = new OwnDatabase();
    try {
      Pipeline pipeline = start(Map.of(Service.BACKUP, 0), Map.of(), null, database.jdbcUrl());
      pipeline.database = database;
      return pipeline;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The PostgreSQL of {@link #onOwnDatabase()}. */
  OwnDatabase database() {
    return database;
  }

  /** The pipeline as ./run-local runs it: a service that dies is started again by the stack. */
  static Pipeline supervised() {
    return start(Map.of(Service.BACKUP, 0), Map.of(), null, TestInfrastructure.newDatabase(), Map.of(), true);
  }

  private static Pipeline start(Map<Service, Integer> instances, Map<Service, String> heap, String kafkaServers,
                                String dbUrl, Map<String, String> environment) {
    return start(instances, heap, kafkaServers, dbUrl, environment, false);
  }

  private static Pipeline start(Map<Service, Integer> instances, Map<Service, String> heap, String kafkaServers,
                                String dbUrl, Map<String, String> environment, boolean supervise) {
    Path home = Path.of("..").toAbsolutePath().normalize();
    Path data = Path.of("target", "stack-" + UUID.randomUUID()).toAbsolutePath();
    Map<String, String> env = new HashMap<>(environment);
    env.put("ROWGATE_WRITER_REFERENCE_WAIT", REFERENCE_WAIT);
    return new Pipeline(Stack.start(new Stack.Settings(home, data, 0, kafkaServers, 0, dbUrl, "", "", false,
        instances, env, heap, TestJvm.QUICK_START, supervise)));
  }

  /** The admin API of backup-service, with the stack's credentials. */
  Http admin() {
    return admin(Service.BACKUP);
  }

  /** The ingest API with the admin's credentials, who may read and act on rejected rows. */
  Http admin(Service service) {
    return new Http(stack.url(service, 1)).withBasicAuth("admin", stack.adminPassword());
  }

  /** Sends the table's file of the hiring data and returns its batch id. */
  String sendHiringData(String table) {
    return sendCsv(table, table + ".csv", HiringData.csv(table));
  }

  /** Sends a CSV file and returns its batch id. */
  String sendCsv(String table, Path file) {
    try {
      return sendCsv(table, file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String sendCsv(String table, String fileName, byte[] content) {
    return batchId(table, api.post(csvPath(table, fileName), "text/csv", content));
  }

  /**
   * Starts sending a CSV file of which only the first {@code firstRows} rows arrive for now: the
   * request stays open until {@link HeldCsv#sendRest} sends the others.
   */
  HeldCsv sendCsvHeld(String table, Path file, int firstRows) {
    try {
      List<String> lines = Files.readAllLines(file);
      Http.Upload upload = api.upload(csvPath(table, file.getFileName().toString()), "text/csv");
      upload.send(String.join("\n", lines.subList(0, firstRows)) + "\n");
      return new HeldCsv(table, upload, String.join("\n", lines.subList(firstRows, lines.size())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV file being sent, of which the rest is held back. */
  record HeldCsv(String table, Http.Upload upload, String rest) {

    /** Sends the rest of the file and ends it; the batch id follows once the file is accepted. */
    CompletableFuture<String> sendRest() {
      upload.send(rest);
      return CompletableFuture.supplyAsync(() -> batchId(table, upload.finish()));
    }
  }

  private static String csvPath(String table, String fileName) {
    return "/api/v1/tables/" + table + "/csv?fileName=" + fileName;
  }

  private static String batchId(String table, Http.Answer answer) {
    if (answer.status() != 202) {
      throw new IllegalStateException("CSV of " + table + " not accepted: " + answer.body());
    }
    return answer.json().get("batchId").stringValue();
  }

  /** The batch's status once it is done (or after a minute). */
  JsonNode awaitBatch(String batchId) {
    return api.get("/api/v1/batches/" + batchId + "?wait=60s&size=1000").json();
  }

  /** The batch's status once it is done, or the last one seen when {@code atMost} is over. */
  JsonNode awaitBatch(String batchId, Duration atMost) {
    Instant deadline = Instant.now().plus(atMost);
    JsonNode status = awaitBatch(batchId);
    while (!status.get("state").stringValue().equals("done") && Instant.now().isBefore(deadline)) {
      status = awaitBatch(batchId);
    }
    return status;
  }

  /** Waits, up to a minute, until hired_employees holds more than {@code rows} rows. */
  void awaitHiresOver(long rows) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> count("SELECT count(*) FROM hired_employees") > rows);
  }

  /** Runs a statement on the stack's database. */
  void execute(String sql) {
    try (Connection c = DriverManager.getConnection(stack.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  long count(String sql) {
    return firstColumn(sql, rs -> rs.getLong(1));
  }

  /** The first column of the one row a query gives, as text. */
  String text(String sql) {
    return firstColumn(sql, rs -> rs.getString(1));
  }

  private interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T firstColumn(String sql, Column<T> column) {
    try (Connection c = DriverManager.getConnection(stack.jdbcUrl()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row: " + sql);
      }
      return column.read(rs);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    stack.close();
    if (database != null) {
      database.close();
    }
  }
}
