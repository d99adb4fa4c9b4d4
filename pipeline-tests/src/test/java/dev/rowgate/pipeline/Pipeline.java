package dev.rowgate.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.Stack;
import dev.rowgate.stack.test.HiringData;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/** The pipeline under test: the services as processes on a broker of their own and a database of their own. */
final class Pipeline implements AutoCloseable {

  final Stack stack;
  final Http api;

  private Pipeline(Stack stack) {
    this.stack = stack;
    this.api = new Http(stack.url(Service.INGEST_API, 1));
  }

  static Pipeline start(Map<Service, Integer> instances) {
    return start(instances, Map.of());
  }

  /** Starts the pipeline and loads the departments and jobs of the hiring data, which hires refer to. */
  static Pipeline startWithDepartmentsAndJobs(Map<Service, Integer> instances) {
    return start(instances).withDepartmentsAndJobs();
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
    Path home = Path.of("..").toAbsolutePath().normalize();
    Path data = Path.of("target", "stack-" + UUID.randomUUID()).toAbsolutePath();
    return new Pipeline(Stack.start(new Stack.Settings(home, data, 0, kafkaServers, 0, TestInfrastructure.newDatabase(),
        "", "", false, instances, Map.of(), heap)));
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

  private String sendCsv(String table, String fileName, byte[] content) {
    Http.Answer answer = api.post("/api/v1/tables/" + table + "/csv?fileName=" + fileName, "text/csv", content);
    if (answer.status() != 202) {
      throw new IllegalStateException("CSV of " + table + " not accepted: " + answer.body());
    }
    return answer.json().get("batchId").stringValue();
  }

  /** The batch's status once it is done (or after a minute). */
  JsonNode awaitBatch(String batchId) {
    return api.get("/api/v1/batches/" + batchId + "?wait=60s&size=1000").json();
  }

  long count(String sql) {
    try (Connection c = DriverManager.getConnection(stack.jdbcUrl()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    stack.close();
  }
}
