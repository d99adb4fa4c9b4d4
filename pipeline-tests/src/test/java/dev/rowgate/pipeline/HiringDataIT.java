package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import dev.rowgate.avro.Channel;
import dev.rowgate.avro.Origin;
import dev.rowgate.avro.RawField;
import dev.rowgate.avro.RawRow;
import dev.rowgate.schema.AvroCodec;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** The real hiring data through the HTTP API, and rows straight from producers, end to end. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiringDataIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of());
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  @Order(1)
  void theHiringDataLoadsWithEveryEmptyFieldKeptAsARejectedRowAndEachLoadKeepsItsOwnRejections() {
    List<String> first = loadHiringData();
    assertCounts(1);
    for (JsonNode error : rejectedHires()) {
      String empty = error.get("raw").propertyStream().filter(f -> f.getValue().stringValue().isEmpty())
          .map(Map.Entry::getKey).findFirst().orElseThrow();
      assertThat(error.get("reasons").get(0).get("field").stringValue()).isEqualTo(empty);
      assertThat(error.get("reasons").get(0).get("rule").stringValue()).isEqualTo("required");
      assertThat(error.get("line").longValue()).isEqualTo(error.get("raw").get("id").asLong());
    }

    loadHiringData();
    assertCounts(3);
    JsonNode firstHires = pipeline.awaitBatch(first.get(2));
    assertThat(firstHires.get("rejectedRows").get("total").longValue()).isEqualTo(70);
    assertThat(firstHires.get("rejectedRows").get("items")).hasSize(70);
  }

  @Test
  @Order(2)
  void rowsPublishedStraightToKafkaAsAvroOrPlainJsonFlowLikeThoseOfTheApi() {
    RawRow avro = new RawRow(new Origin(Channel.PRODUCER, "producer-batch-1", 0, null, null, Instant.now()),
        List.of(new RawField("id", 9001L), new RawField("job", "Avro Producer")));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", pipeline.stack.kafkaServers(),
        "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>("rowgate.jobs.raw", "9001".getBytes(), AvroCodec.encode(avro)));
      producer.send(new ProducerRecord<>("rowgate.jobs.raw", "9002".getBytes(),
          "{\"id\": 9002, \"job\": \"JSON Producer\"}".getBytes(StandardCharsets.UTF_8)));
      producer.send(new ProducerRecord<>("rowgate.jobs.raw", "9003".getBytes(),
          "{\"id\": 9003, \"job\": 42}".getBytes(StandardCharsets.UTF_8)));
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(pipeline.count("SELECT count(*) FROM jobs WHERE id IN (9001, 9002)")).isEqualTo(2);
      assertThat(pipeline.count("SELECT count(*) FROM jobs_errors WHERE raw->>'id' = '9003' "
          + "AND reasons->0->>'rule' = 'type' AND channel = 'PRODUCER'")).isEqualTo(1);
    });
    JsonNode producerBatch = pipeline.api.get("/api/v1/batches/producer-batch-1").json();
    assertThat(producerBatch.get("persisted").longValue()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void readinessReflectsKafkaPostgresAndItsSchemaAndMetricsCountRowsPerTable() {
    // The hiring data was sent three times by the first test: 3 x 1999 hires, 3 x 70 of them rejected.
    for (Service service : List.of(Service.INGEST_API, Service.DB_WRITER)) {
      JsonNode health = new Http(pipeline.stack.url(service, 1)).get("/actuator/health/readiness").json();
      assertThat(health.get("status").stringValue()).isEqualTo("UP");
      assertThat(health.get("components").propertyNames()).contains("db", "kafka");
      if (service == Service.INGEST_API) {
        assertThat(health.at("/components/schema/status").stringValue()).isEqualTo("UP");
      }
    }
    String ingest = new Http(pipeline.stack.url(Service.INGEST_API, 1)).get("/actuator/prometheus").body();
    String validator = new Http(pipeline.stack.url(Service.VALIDATOR, 1)).get("/actuator/prometheus").body();
    String writer = new Http(pipeline.stack.url(Service.DB_WRITER, 1)).get("/actuator/prometheus").body();
    assertThat(ingest).contains("rowgate_rows_received_total{channel=\"API_CSV\",table=\"hired_employees\"} 5997.0");
    assertThat(validator).contains("rowgate_rows_validated_total{outcome=\"rejected\",table=\"hired_employees\"} 210.0");
    assertThat(writer).contains("rowgate_rows_persisted_total{table=\"hired_employees\"} 5787.0")
        .contains("kafka_consumer_fetch_manager_records_lag_max");
  }

  @Test
  @Order(4)
  void theBackupServiceOfTheStackRestoresATableThePipelineChanged() {
    Http admin = new Http(pipeline.stack.url(Service.BACKUP, 1)).withBasicAuth("admin", pipeline.stack.adminPassword());
    Http.Answer backup = admin.post("/api/v1/backups/hired_employees?wait=60s");
    assertThat(backup.status()).as(backup.body()).isEqualTo(201);
    assertThat(backup.json().get("rows").longValue()).isEqualTo(1929);
    String batch = pipeline.api.post("/api/v1/tables/hired_employees/rows", "application/json",
        "[{\"id\": 1, \"name\": \"Renamed\", \"datetime\": \"2021-01-01T00:00:00Z\", \"department_id\": 1, "
            + "\"job_id\": 1}]").json().get("batchId").stringValue();
    assertThat(pipeline.awaitBatch(batch).get("persisted").longValue()).isEqualTo(1);

    Http.Answer restore = admin.post("/api/v1/restores/hired_employees?wait=60s");

    assertThat(restore.status()).as(restore.body()).isEqualTo(200);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees WHERE id = 1 AND name = 'Harold Vogt'"))
        .isEqualTo(1);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(1929);
  }

  @Test
  @Order(5)
  void theServicesCreatedTheTopicsOfEveryTableWithSixPartitions() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", pipeline.stack.kafkaServers()))) {
      List<String> topics = List.of("departments", "jobs", "hired_employees").stream()
          .flatMap(t -> Stream.of("rowgate." + t + ".raw", "rowgate." + t + ".valid", "rowgate." + t + ".rejected"))
          .toList();
      assertThat(admin.describeTopics(topics).allTopicNames().get().values())
          .hasSize(9).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(6));
    }
  }

  @Test
  @Order(6)
  void metricsCountTheRowsOfALoadAndTheConsumerLagRisesWhileItIsBehindThenFallsToZero() {
    // Micrometer binds the lag of each partition Kafka has fetched once a minute: the metric is there within one.
    await().atMost(Duration.ofSeconds(90)).until(() -> !Prometheus.of(pipeline, Service.VALIDATOR)
        .samples("kafka_consumer_fetch_manager_records_lag").isEmpty());
    Map<Service, Prometheus> before = metrics();
    StringBuilder csv = new StringBuilder();
    for (int id = 100_001; id <= 200_000; id++) {
      csv.append(id).append(',').append(id % 10 == 0 ? "" : "Job " + id).append('\n');
    }
    List<Double> validatorLag = new CopyOnWriteArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(() -> validatorLag.add(Prometheus.of(pipeline, Service.VALIDATOR)
        .sum("kafka_consumer_fetch_manager_records_lag", Map.of("topic", "rowgate.jobs.raw"))), 0, 50, MILLISECONDS);
    JsonNode status;
    try {
      status = pipeline.awaitBatch(pipeline.sendCsv("jobs", "many-jobs.csv",
          csv.toString().getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(180));
    } finally {
      sampler.shutdownNow();
    }

    assertThat(status.get("state").stringValue()).isEqualTo("done");
    Map<Service, Prometheus> after = metrics();
    assertThat(increase(before, after, Service.INGEST_API, "rowgate_rows_received_total",
        Map.of("table", "jobs", "channel", "API_CSV"))).isEqualTo(100_000);
    assertThat(increase(before, after, Service.VALIDATOR, "rowgate_rows_validated_total",
        Map.of("table", "jobs", "outcome", "valid"))).isEqualTo(90_000);
    assertThat(increase(before, after, Service.VALIDATOR, "rowgate_rows_validated_total",
        Map.of("table", "jobs", "outcome", "rejected"))).isEqualTo(10_000);
    assertThat(increase(before, after, Service.DB_WRITER, "rowgate_rows_persisted_total",
        Map.of("table", "jobs"))).isEqualTo(90_000);
    assertThat(increase(before, after, Service.DB_WRITER, "rowgate_rows_rejected_total",
        Map.of("table", "jobs", "stage", "validator"))).isEqualTo(10_000);
    assertThat(Collections.max(validatorLag)).as("the validator's highest lag on the raw topic while loading, of\n%s",
            Prometheus.of(pipeline, Service.VALIDATOR).samples("kafka_consumer_fetch_manager_records_lag"))
        .isGreaterThan(1_000);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(Prometheus.of(pipeline, Service.VALIDATOR)
          .sum("kafka_consumer_fetch_manager_records_lag", Map.of("topic", "rowgate.jobs.raw"))).isZero();
      assertThat(Prometheus.of(pipeline, Service.DB_WRITER)
          .sum("kafka_consumer_fetch_manager_records_lag", Map.of("topic", "rowgate.jobs.valid"))).isZero();
    });
  }

  private static Map<Service, Prometheus> metrics() {
    Map<Service, Prometheus> metrics = new EnumMap<>(Service.class);
    for (Service service : List.of(Service.INGEST_API, Service.VALIDATOR, Service.DB_WRITER)) {
      metrics.put(service, Prometheus.of(pipeline, service));
    }
    return metrics;
  }

  private static double increase(Map<Service, Prometheus> before, Map<Service, Prometheus> after, Service service,
                                 String name, Map<String, String> labels) {
    return after.get(service).sum(name, labels) - before.get(service).sum(name, labels);
  }

  /** Loads the three files, each done before the next; returns their batches. */
  private static List<String> loadHiringData() {
    List<String> batches = new ArrayList<>();
    for (String table : List.of("departments", "jobs", "hired_employees")) {
      String batch = pipeline.sendHiringData(table);
      assertThat(pipeline.awaitBatch(batch).get("state").stringValue()).isEqualTo("done");
      batches.add(batch);
    }
    return batches;
  }

  /** The tables after the hires' file was loaded {@code times}: each load keeps its 70 rejected rows. */
  private static void assertCounts(int times) {
    assertThat(pipeline.count("SELECT count(*) FROM departments")).isEqualTo(12);
    assertThat(pipeline.count("SELECT count(*) FROM jobs")).isEqualTo(183);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees")).isEqualTo(1929);
    assertThat(pipeline.count("SELECT count(*) FROM hired_employees_errors")).isEqualTo(70L * times);
    assertThat(pipeline.count("SELECT count(*) FROM departments_errors")).isZero();
    assertThat(pipeline.count("SELECT count(*) FROM jobs_errors")).isZero();
  }

  private static List<JsonNode> rejectedHires() {
    String batch = pipeline.sendHiringData("hired_employees");
    JsonNode status = pipeline.awaitBatch(batch);
    assertThat(status.get("rejected").longValue()).isEqualTo(70);
    assertThat(status.get("persisted").longValue()).isEqualTo(1929);
    List<JsonNode> items = status.get("rejectedRows").get("items").valueStream().toList();
    assertThat(items).hasSize(70);
    return items;
  }
}
