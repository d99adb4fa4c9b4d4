package dev.rowgate.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The peer: Debezium's JDBC sink on Kafka Connect (standalone, a process of its own) writes the
 * same valid rows into a table identical to hired_employees, timed as rowgate's writer stage is.
 * The rows wait in a topic of their own as JSON with schemas (Connect's JsonConverter); the table
 * is locked while Connect starts and its tasks poll, and the time runs from the lock's release
 * until every row is in the table. Settings are the best measured on these machines (issue of
 * the benchmark): batches of 5000, polls of 5000, two tasks, pgjdbc's rewritten batched inserts.
 */
final class PeerSink {

  static final String TABLE = "bench_peer_hires";
  private static final String TOPIC = "bench.peer.hires";
  private static final int PARTITIONS = 6;
  private static final Pattern URL_USER = Pattern.compile("[?&]user=([^&]*)");
  private static final Pattern URL_PASSWORD = Pattern.compile("[?&]password=([^&]*)");
  /** One hire's value, Connect's JSON with its schema; the datetime as Connect's Timestamp (epoch milliseconds). */
  private static final String VALUE = "{\"schema\":{\"type\":\"struct\",\"name\":\"hire\",\"optional\":false,"
      + "\"fields\":[{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
      + "{\"field\":\"name\",\"type\":\"string\",\"optional\":false},"
      + "{\"field\":\"datetime\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
      + "\"version\":1,\"optional\":false},"
      + "{\"field\":\"department_id\",\"type\":\"int32\",\"optional\":false},"
      + "{\"field\":\"job_id\",\"type\":\"int32\",\"optional\":false}]},"
      + "\"payload\":{\"id\":%s,\"name\":\"%s\",\"datetime\":%d,\"department_id\":%s,\"job_id\":%s}}";

  private final Path home;
  private final Path work;
  private final String kafkaServers;
  private final String jdbcUrl;
  private final Database db;

  PeerSink(Path home, Path work, String kafkaServers, String jdbcUrl, Database db) {
    this.home = home;
    this.work = work.resolve("peer");
    this.kafkaServers = kafkaServers;
    this.jdbcUrl = jdbcUrl;
    this.db = db;
  }

  /** The directory of Connect's classpath and plugins, built by the benchmark-peer module. */
  private Path connect() {
    Path connect = home.resolve("benchmark-peer").resolve("target").resolve("connect");
    if (!Files.isDirectory(connect.resolve("plugins").resolve("debezium-connector-jdbc"))) {
      throw new IllegalStateException("no Kafka Connect with Debezium's JDBC sink in " + connect
          + ": build it first (./mvnw -f benchmark-peer/pom.xml package, which ./run-benchmark --peer does)");
    }
    return connect;
  }

  /** Writes the valid rows to the peer's topic, then times the sink writing them into its table. */
  Duration measure(HiresFile hires) {
    Path connect = connect();
    publish(hires);
    db.execute("DROP TABLE IF EXISTS " + TABLE);
    db.execute("CREATE TABLE " + TABLE + " (LIKE hired_employees INCLUDING ALL)");
    db.execute("ALTER TABLE " + TABLE + " ADD FOREIGN KEY (department_id) REFERENCES departments (id),"
        + " ADD FOREIGN KEY (job_id) REFERENCES jobs (id)");
    db.checkpoint();
    ServiceProcess sink = null;
    try {
      long released;
      try (Database.Lock lock = db.lockForWrites(TABLE)) {
        sink = start(connect);
        awaitWaitingWriter(sink);
        released = System.nanoTime();
      }
      awaitRows(sink, hires.validRows());
      return Duration.ofNanos(System.nanoTime() - released);
    } finally {
      if (sink != null) {
        sink.close();
      }
      db.execute("DROP TABLE IF EXISTS " + TABLE);
      deleteTopic();
    }
  }

  private void publish(HiresFile hires) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaServers))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create " + TOPIC, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Map<String, Object> config = Map.of("bootstrap.servers", kafkaServers, "linger.ms", 20, "batch.size", 262_144,
        "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config);
         BufferedReader rows = Files.newBufferedReader(hires.valid(), StandardCharsets.UTF_8)) {
      for (String line = rows.readLine(); line != null; line = rows.readLine()) {
        String[] f = line.split(",", -1);
        String value = String.format(VALUE, f[0], f[1], Instant.parse(f[2]).toEpochMilli(), f[3], f[4]);
        producer.send(new ProducerRecord<>(TOPIC, null, value));
      }
      producer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + hires.valid(), e);
    }
  }

  private ServiceProcess start(Path connect) {
    try {
      Files.createDirectories(work);
      Path worker = Files.writeString(work.resolve("worker.properties"), String.join("\n",
          "bootstrap.servers=" + kafkaServers,
          "key.converter=org.apache.kafka.connect.json.JsonConverter",
          "value.converter=org.apache.kafka.connect.json.JsonConverter",
          "key.converter.schemas.enable=true",
          "value.converter.schemas.enable=true",
          "offset.storage.file.filename=" + work.resolve("offsets"),
          "plugin.path=" + connect.resolve("plugins"),
          "listeners=http://127.0.0.1:" + KafkaBroker.freePort(),
          "consumer.max.poll.records=5000",
          "consumer.auto.offset.reset=earliest", ""));
      Path sink = Files.writeString(work.resolve("jdbc-sink.properties"), String.join("\n",
          "name=bench-peer-jdbc-sink",
          "connector.class=io.debezium.connector.jdbc.JdbcSinkConnector",
          "tasks.max=2",
          "topics=" + TOPIC,
          "connection.url=" + withRewrittenBatches(jdbcUrl),
          "connection.username=" + urlParameter(URL_USER, System.getenv().getOrDefault("ROWGATE_DB_USER", "postgres")),
          "connection.password=" + urlParameter(URL_PASSWORD,
              System.getenv().getOrDefault("ROWGATE_DB_PASSWORD", "")),
          "insert.mode=upsert",
          "primary.key.mode=record_value",
          "primary.key.fields=id",
          "schema.evolution=none",
          "collection.name.format=" + TABLE,
          "batch.size=5000", ""));
      Path logging = Files.writeString(work.resolve("log4j2.properties"), String.join("\n",
          "rootLogger.level=INFO",
          "rootLogger.appenderRef.stdout.ref=STDOUT",
          "appender.stdout.type=Console",
          "appender.stdout.name=STDOUT",
          "appender.stdout.layout.type=PatternLayout",
          "appender.stdout.layout.pattern=[%d] %p %m (%c)%n", ""));
      return ServiceProcess.start("kafka-connect", List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + logging),
          List.of("-cp", connect.resolve("lib") + "/*", "org.apache.kafka.connect.cli.ConnectStandalone",
              worker.toString(), sink.toString()),
          Map.of(), work.resolve("kafka-connect.log"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Kafka Connect's settings to " + work, e);
    }
  }

  /** Waits until a writer of the sink waits for the table's lock: its tasks are running and have rows. */
  private void awaitWaitingWriter(ServiceProcess sink) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (db.queryLong("SELECT count(*) FROM pg_locks WHERE relation = '" + TABLE + "'::regclass AND NOT granted")
        == 0) {
      failIfStopped(sink, deadline, "no writer of the sink reached " + TABLE + " in 3 minutes");
      HistoricLoad.pause();
    }
  }

  private void awaitRows(ServiceProcess sink, long rows) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (db.queryLong("SELECT count(*) FROM " + TABLE) < rows) {
      failIfStopped(sink, deadline, "the sink did not write " + rows + " rows in 30 minutes");
      HistoricLoad.pause();
    }
  }

  private static void failIfStopped(ServiceProcess sink, long deadline, String late) {
    if (!sink.isAlive()) {
      throw new IllegalStateException("Kafka Connect stopped; see " + sink.log());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(late + "; see " + sink.log());
    }
  }

  private void deleteTopic() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaServers))) {
      admin.deleteTopics(List.of(TOPIC)).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot delete " + TOPIC, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String withRewrittenBatches(String url) {
    return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
  }

  private String urlParameter(Pattern parameter, String otherwise) {
    Matcher matcher = parameter.matcher(jdbcUrl);
    return matcher.find() ? matcher.group(1) : otherwise;
  }
}
