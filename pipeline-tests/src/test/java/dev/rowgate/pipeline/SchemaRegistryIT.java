package dev.rowgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rowgate.examples.registry.RegistryClient;
import dev.rowgate.schema.registry.SchemaRegistry;
import dev.rowgate.stack.RegistryServer;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.TcpProxy;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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

/**
 * The pipeline with a real Apicurio Registry: producers that use the registry's serializer, or write
 * its wire format by hand, feed rowgate; consumers with the registry's deserializer read rowgate's
 * valid and rejected topics; an id the registry does not know, or a schema that is no row, is a
 * rejected row; a registry that cannot be reached is an outage; a change of a table that its
 * subject's compatibility rule refuses is not applied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaRegistryIT {

  static final Schema JOB = new Schema.Parser().parse("""
      {"type": "record", "name": "Job", "namespace": "com.example.hr",
       "fields": [{"name": "id", "type": "int"}, {"name": "job", "type": "string"}]}""");

  static RegistryServer registry;
  static TcpProxy proxy;
  static Path definitions;
  static Pipeline pipeline;
  static SchemaRegistry direct;

  @BeforeAll
  static void start() throws IOException {
    registry = RegistryServer.start(Path.of("..").toAbsolutePath().normalize(), 0, null,
        Path.of("target", "apicurio-registry.log"));
    proxy = new TcpProxy("127.0.0.1", registry.port());
    direct = new SchemaRegistry(URI.create(registry.url()), null, null, Duration.ofSeconds(5));
    definitions = Files.createTempDirectory("rowgate-registry-definitions-");
    try (Stream<Path> shipped = Files.list(Path.of("..", "definitions"))) {
      for (Path file : shipped.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, definitions.resolve(file.getFileName()));
      }
    }
    pipeline = Pipeline.withEnvironment(Map.of(), Map.of(
        "ROWGATE_REGISTRY_URL", "http://127.0.0.1:" + proxy.port() + "/apis/ccompat/v7",
        "ROWGATE_DEFINITIONS_DIR", definitions.toString()));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    proxy.close();
    registry.close();
  }

  @Test
  @Order(1)
  void aProducerWithTheRegistrysSerializerFeedsRowgateAndAConsumerWithItsDeserializerReadsItsTopics()
      throws Exception {
    RegistryClient.produce(pipeline.stack.kafkaServers(), registry.apicurioUrl(), "rowgate.jobs.raw",
        RegistryClient.row(JOB, "{\"id\": 9101, \"job\": \"Registry Producer\"}"));
    RegistryClient.produce(pipeline.stack.kafkaServers(), registry.apicurioUrl(), "rowgate.jobs.raw",
        RegistryClient.row(JOB, "{\"id\": 9102, \"job\": \"\"}"));
    pipeline.awaitBatch(pipeline.sendHiringData("departments"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(pipeline.count("SELECT count(*) FROM jobs WHERE id = 9101 AND job = 'Registry Producer'"))
          .isEqualTo(1);
      assertThat(pipeline.count("SELECT count(*) FROM jobs_errors WHERE raw->>'id' = '9102' "
          + "AND reasons->0->>'rule' = 'required'")).isEqualTo(1);
    });
    assertThat(pipeline.count("SELECT count(*) FROM departments")).isEqualTo(12);

    List<GenericRecord> valid = RegistryClient.consume(pipeline.stack.kafkaServers(), registry.apicurioUrl(),
        "rowgate.jobs.valid", 1, Duration.ofSeconds(30));
    assertThat(valid).singleElement().satisfies(row -> {
      assertThat(row.get("id")).isEqualTo(9101);
      assertThat(row.get("job").toString()).isEqualTo("Registry Producer");
    });
    List<GenericRecord> rejected = RegistryClient.consume(pipeline.stack.kafkaServers(), registry.apicurioUrl(),
        "rowgate.jobs.rejected", 1, Duration.ofSeconds(30));
    assertThat(rejected).singleElement().satisfies(row -> assertThat(row.get("reasons").toString())
        .contains("job is empty"));
    assertThat(RegistryClient.consume(pipeline.stack.kafkaServers(), registry.apicurioUrl(),
        "rowgate.departments.valid", 12, Duration.ofSeconds(30))).hasSize(12);
    assertThat(registry(registry.url() + "/subjects").valueStream().map(JsonNode::stringValue).toList())
        .contains("rowgate.jobs.raw-value", "rowgate.jobs.valid-value", "rowgate.jobs.rejected-value");
  }

  @Test
  @Order(2)
  void bytesWrittenAsConfluentsSerializerWritesThemAreReadByFieldName() throws Exception {
    Schema other = new Schema.Parser().parse("""
        {"type": "record", "name": "Position", "fields": [{"name": "job", "type": "string"},
         {"name": "id", "type": "long"}]}""");
    int id = direct.register("rowgate.jobs.raw-value", other);
    GenericRecord row = new GenericData.Record(other);
    row.put("job", "Written By Hand");
    row.put("id", 9201L);

    send(confluentBytes(id, row));

    await().atMost(Duration.ofSeconds(60)).until(() ->
        pipeline.count("SELECT count(*) FROM jobs WHERE id = 9201 AND job = 'Written By Hand'") == 1);
  }

  @Test
  @Order(3)
  void anIdTheRegistryDoesNotKnowOrASchemaThatIsNoRowIsARejectedRowWithItsReason() throws Exception {
    int text = direct.register("plain-text-value", Schema.create(Schema.Type.STRING));
    send(new byte[] {0, 0, 0x0F, 0x12, 0x06, 2, 'x'});
    send(confluentBytes(text, null));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(pipeline.count("SELECT count(*) FROM jobs_errors WHERE payload IS NOT NULL AND reasons->0->>'message'"
          + " = 'the schema registry has no schema of id 987654'")).isEqualTo(1);
      assertThat(pipeline.count("SELECT count(*) FROM jobs_errors WHERE reasons->0->>'message' = 'the schema of id "
          + text + " is string, not a record of the row''s fields'")).isEqualTo(1);
    });
  }

  @Test
  @Order(4)
  void aRegistryThatCannotBeReachedIsAnOutageAndNoRowIsRejectedForIt() throws Exception {
    Schema unseen = new Schema.Parser().parse("""
        {"type": "record", "name": "Vacancy", "fields": [{"name": "id", "type": "int"},
         {"name": "job", "type": "string"}]}""");
    int id = direct.register("rowgate.jobs.raw-value", unseen);
    GenericRecord row = new GenericData.Record(unseen);
    row.put("id", 9301);
    row.put("job", "Waited For The Registry");
    long rejectedBefore = pipeline.count("SELECT count(*) FROM jobs_errors");

    proxy.cut();
    send(confluentBytes(id, row));
    await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() ->
        pipeline.count("SELECT count(*) FROM jobs WHERE id = 9301") == 0
            && pipeline.count("SELECT count(*) FROM jobs_errors") == rejectedBefore);
    proxy.restore();

    await().atMost(Duration.ofSeconds(90)).until(() -> pipeline.count("SELECT count(*) FROM jobs "
        + "WHERE id = 9301 AND job = 'Waited For The Registry'") == 1);
    assertThat(pipeline.count("SELECT count(*) FROM jobs_errors")).isEqualTo(rejectedBefore);
  }

  @Test
  @Order(5)
  void aChangeTheSubjectsCompatibilityRuleRefusesIsNotApplied() throws Exception {
    Http admin = pipeline.admin();
    int before = admin.get("/api/v1/definitions").json().get("version").intValue();
    direct.register("rowgate.jobs.valid-value", new Schema.Parser().parse("""
        {"type": "record", "name": "jobs", "fields": [{"name": "id", "type": "string"}]}"""));
    assertThat(new Http(registry.url()).put("/config/rowgate.jobs.valid-value", "application/json",
        "{\"compatibility\": \"BACKWARD\"}").status()).isEqualTo(200);
    Files.writeString(definitions.resolve("jobs.yaml"), Files.readString(definitions.resolve("jobs.yaml"))
        + "  - name: grade\n    type: text\n    required: false\n");

    Http.Answer refused = admin.post("/api/v1/definitions");

    Http.assertProblem(refused, 422, "definitions-refused");
    assertThat(refused.json().get("problems").toString())
        .contains("compatibility rule (BACKWARD) for subject rowgate.jobs.valid-value refuses it");
    assertThat(admin.get("/api/v1/definitions").json().get("version").intValue()).isEqualTo(before);
    assertThat(pipeline.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' "
        + "AND column_name = 'grade'")).isZero();
  }

  /** A record as Confluent's serializer writes it: a zero byte, the schema id in four bytes, the Avro binary. */
  private static byte[] confluentBytes(int schemaId, GenericRecord row) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    if (row != null) {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(row.getSchema()).write(row, encoder);
      encoder.flush();
    } else {
      out.write(new byte[] {6, 'a', 'b', 'c'});
    }
    return out.toByteArray();
  }

  private static void send(byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", pipeline.stack.kafkaServers(),
        "key.serializer", ByteArraySerializer.class, "value.serializer", ByteArraySerializer.class))) {
      producer.send(new ProducerRecord<>("rowgate.jobs.raw", value)).get();
    }
  }

  private static JsonNode registry(String url) {
    return new Http(url).get("").json();
  }
}
