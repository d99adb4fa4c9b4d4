package dev.rowgate.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Stream;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.Stack;

/**
 * {@code ./benchmark [--rows N] [--invalid F] [--clients C] [--rest-rows N]}: runs the pipeline on
 * this machine and prints each figure next to PostgreSQL's own COPY of the same data, measured in
 * the same run, so the ratio holds on a noisy machine. The figures also go to a JSON file.
 */
public final class Benchmark {

  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  /** Print PostgreSQL's statements of the timed loads; the embedded server then loads pg_stat_statements. */
  private static final String REFERENCE_WAIT = "ROWGATE_WRITER_REFERENCE_WAIT";
  private static final boolean STATEMENTS = System.getenv("ROWGATE_PG_STAT_STATEMENTS") != null;
  /** More JVM options for every service, to measure them: {@code ROWGATE_SERVICE_JVM_OPTIONS="-XX:... -XX:..."}. */
  private static final List<String> JVM_OPTIONS = Stream.of(
      System.getenv().getOrDefault("ROWGATE_SERVICE_JVM_OPTIONS", "").split(" ")).filter(o -> !o.isBlank()).toList();

  private Benchmark() {
  }

  public static void main(String[] args) {
    Options options = Options.parse(args);
    Path home = Path.of(".").toAbsolutePath().normalize();
    Path work = options.workDir().toAbsolutePath();
    deleteRecursively(work);
    Figures figures = new Figures(OUT);
    figures.put("machine", machine());
    figures.put("options", Map.of("rows", options.rows(), "invalid", options.invalid(), "clients", options.clients(),
        "restRows", options.restRows(), "seed", options.seed(), "peer", options.peer(),
        "instances", options.instances()));
    OUT.printf(Locale.ROOT, "rowgate benchmark: %,d hires (%.1f%% invalid), %d REST clients, %s%n", options.rows(),
        options.invalid() * 100, options.clients(), machine());
    // Hires naming a missing department are refused at once: waiting for departments that never
    // come (a minute by default) would measure that setting, not the pipeline.
    String referenceWait = System.getenv().getOrDefault(REFERENCE_WAIT, "0s");
    figures.put("referenceWait", referenceWait);
    OUT.printf(Locale.ROOT, "writer's wait for missing referenced rows: %s (%s)%n", referenceWait, REFERENCE_WAIT);
    HiresFile hires;
    try (Stack stack = Stack.start(settings(home, work, 1, referenceWait));
         ConsumerLag lag = new ConsumerLag(stack.kafkaServers())) {
      figures.put("kafkaCompression", stack.kafkaCompression());
      OUT.printf(Locale.ROOT, "Kafka records compressed with: %s (ROWGATE_KAFKA_COMPRESSION)%n", stack.kafkaCompression());
      hires = run(options, home, stack, lag, work, figures);
    }
    if (options.instances() > 1) {
      int n = options.instances();
      Figures scaled = figures.nested("instances" + n);
      scaled.section("=== again with " + n + " validators and " + n + " writers, on a stack of its own ===");
      Path again = work.resolve("instances-" + n);
      try (Stack stack = Stack.start(settings(home, again, n, referenceWait));
           ConsumerLag lag = new ConsumerLag(stack.kafkaServers())) {
        Database db = prepare(stack, again);
        HistoricLoad load = new HistoricLoad(api(stack), db, lag);
        warmUp(load, again, options, scaled);
        historicLoad(stack, db, load, hires, n, scaled);
        db.dropBaselineTables();
      }
    }
    figures.write(options.json());
  }

  private static Stack.Settings settings(Path home, Path work, int instances, String referenceWait) {
    return new Stack.Settings(home, work, 0, null, 0, blankToNull(System.getenv("ROWGATE_DB_URL")),
        System.getenv("ROWGATE_DB_USER"), System.getenv("ROWGATE_DB_PASSWORD"), false,
        Map.of(Service.VALIDATOR, instances, Service.DB_WRITER, instances), Map.of(REFERENCE_WAIT, referenceWait),
        Map.of(), JVM_OPTIONS, false);
  }

  private static Api api(Stack stack) {
    return new Api(stack.url(Service.INGEST_API, 1), "admin", stack.adminPassword());
  }

  /** The referenced tables loaded, through the pipeline. */
  private static Database prepare(Stack stack, Path work) {
    Api api = api(stack);
    for (String table : List.of("departments", "jobs")) {
      api.awaitBatch(api.sendCsv(table, referenceData(work, table)));
    }
    return new Database(stack.jdbcUrl());
  }

  private static void warmUp(HistoricLoad load, Path work, Options options, Figures figures) {
    HiresFile warmup = HiresFile.write(work, "warmup", 1, Math.min(options.rows(), 50_000), options.invalid(),
        options.seed() + 1);
    figures.section("warm-up (not measured): " + warmup.rows() + " hires through the pipeline");
    load.wholeLoad(warmup);
    load.emptyHires();
  }

  private static HiresFile run(Options options, Path home, Stack stack, ConsumerLag lag, Path work, Figures figures) {
    Database db = prepare(stack, work);
    Api api = api(stack);
    HiresFile hires = HiresFile.write(work, "hires", 1, options.rows(), options.invalid(), options.seed());
    HistoricLoad load = new HistoricLoad(api, db, lag);
    warmUp(load, work, options, figures);

    Baselines baselines = historicLoad(stack, db, load, hires, 1, figures);
    if (options.peer()) {
      peer(home, work, stack, db, hires, baselines, figures);
    }
    restLoad(options, api, figures);
    reports(api, db, figures);
    BackupAndRestore.measure(stack, db, work, figures);
    memory(stack, figures);
    db.dropBaselineTables();
    return hires;
  }

  /** COPY of the valid rows into an identical table and into one without foreign keys, and rowgate's writer stage. */
  private record Baselines(Duration copyIdentical, Duration copyPlain, Duration writer) {
  }

  /**
   * The writer stage alone, then the whole load with when each stage ended, each against COPY of
   * the file's valid rows, and the CPU time each process spent.
   */
  private static Baselines historicLoad(Stack stack, Database db, HistoricLoad load, HiresFile hires, int instances,
                                        Figures figures) {
    Map<Service, Integer> services = Map.of(Service.INGEST_API, 1, Service.VALIDATOR, instances,
        Service.DB_WRITER, instances);
    figures.section("baselines: COPY FROM STDIN of the file's " + hires.validRows() + " valid rows");
    db.createBaselineTables();
    Duration copyIdentical = Best.of(2, () -> db.copyIn("bench_copy_identical", hires.valid(), "csv"));
    Duration copyPlain = Best.of(2, () -> db.copyIn("bench_copy_plain", hires.valid(), "csv"));
    figures.time("copyIdentical", "COPY into an identical table (same keys)", copyIdentical, hires.validRows());
    figures.time("copyWithoutForeignKeys", "COPY into a table without foreign keys", copyPlain, hires.validRows());

    figures.section("historic load of " + hires.rows() + " hires (" + hires.invalidRows() + " invalid), "
        + instances + (instances == 1 ? " validator and 1 writer" : " validators and " + instances + " writers"));
    resetStatements(db);
    HistoricLoad.Timed writerStage = load.writerStage(hires, () -> CpuTime.read(stack, services));
    Duration writer = writerStage.time();
    figures.compare("writerStage", "writer stage (valid topic -> tables)", writer, "COPY", copyIdentical, hires.rows());
    printStatements(db, "writer stage");
    load.emptyHires();
    resetStatements(db);
    Map<String, Double> cpu = CpuTime.read(stack, services);
    HistoricLoad.Stages stages = load.wholeLoad(hires);
    Map<String, Double> wholeCpu = CpuTime.between(cpu, CpuTime.read(stack, services));
    Duration whole = stages.persisted();
    figures.compare("historicLoad", "whole load (CSV upload -> tables)", whole, "COPY", copyIdentical, hires.rows());
    figures.time("upload", "  1. uploaded: CSV -> raw topic, 202", stages.uploaded(), hires.rows());
    figures.stage("validated", "  2. validated: every row routed", stages.validated(), stages.uploaded());
    figures.stage("persisted", "  3. persisted: every row in a table", stages.persisted(), stages.validated());
    printStatements(db, "whole load");
    figures.line("writerStageCpuSeconds", "CPU seconds, writer stage", writerStage.cpuSeconds(),
        writerStage.cpuSeconds().toString());
    figures.line("historicLoadCpuSeconds", "CPU seconds, whole load", wholeCpu, wholeCpu.toString());
    figures.put("historicLoadVsCopyWithoutForeignKeys", Figures.round(Figures.seconds(whole) / Figures.seconds(copyPlain)));
    figures.put("writerStageVsCopyWithoutForeignKeys", Figures.round(Figures.seconds(writer) / Figures.seconds(copyPlain)));
    OUT.printf(Locale.ROOT, "  against COPY into a table without foreign keys: writer %.2f×, whole load %.2f×%n",
        Figures.seconds(writer) / Figures.seconds(copyPlain), Figures.seconds(whole) / Figures.seconds(copyPlain));
    return new Baselines(copyIdentical, copyPlain, writer);
  }

  /** The peer over the same valid rows, into an identical table, beside rowgate's writer. */
  private static void peer(Path home, Path work, Stack stack, Database db, HiresFile hires, Baselines baselines,
                           Figures figures) {
    figures.section("peer: Debezium's JDBC sink 3.5 on Kafka Connect 4.1 standalone, the " + hires.validRows()
        + " valid rows (JSON with schemas) into an identical table");
    Duration peer = new PeerSink(home, work, stack.kafkaServers(), stack.jdbcUrl(), db).measure(hires);
    figures.compare("peerSink", "Debezium JDBC sink (topic -> table)", peer, "COPY", baselines.copyIdentical(),
        hires.validRows());
    double againstWriter = Figures.seconds(peer) / Figures.seconds(baselines.writer());
    figures.put("peerSinkVsWriterStage", Figures.round(againstWriter));
    figures.put("peerSinkVsCopyWithoutForeignKeys",
        Figures.round(Figures.seconds(peer) / Figures.seconds(baselines.copyPlain())));
    OUT.printf(Locale.ROOT, "  against rowgate's writer stage: %.2f× its time; against COPY without foreign keys: %.2f×%n",
        againstWriter, Figures.seconds(peer) / Figures.seconds(baselines.copyPlain()));
  }

  /** With ROWGATE_PG_STAT_STATEMENTS set, forgets what PostgreSQL's statements cost so far. */
  private static void resetStatements(Database db) {
    if (STATEMENTS) {
      db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      db.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /** With ROWGATE_PG_STAT_STATEMENTS set, prints the statements since the reset, by time spent. */
  private static void printStatements(Database db, String stage) {
    if (STATEMENTS) {
      OUT.println("  PostgreSQL statements of the " + stage + " (pg_stat_statements):");
      db.dumpStatements();
    }
  }

  private static void restLoad(Options options, Api api, Figures figures) {
    figures.section("REST ingest: " + options.restRows() + " rows in batches of 1000 from " + options.clients()
        + " clients");
    RestLoad.Result rest = new RestLoad(api).run(10_000_000L, options.restRows(), options.clients());
    figures.time("restAccepted", "accepted (every 202 back)", rest.wall(), rest.rows());
    figures.latencies("restAcceptLatency", "202 latency", rest.acceptSeconds(), 0.5, 0.99, 1);
    figures.latencies("restPersistLatency", "POST until persisted", rest.persistSeconds(), 0.5, 0.99);
  }

  /**
   * Both reports of the hires' year, as a client gets them: over HTTP, in JSON, the best of three;
   * first with the statistics that autovacuum left (it looks at a database once a minute at most,
   * so whether it has analyzed the table yet is a matter of the hour), then after ANALYZE. They
   * run before the restore, whose million replaced rows autovacuum then cleans up on the same
   * two cores.
   */
  private static void reports(Api api, Database db, Figures figures) {
    long rows = db.queryLong("SELECT count(*) FROM hired_employees");
    figures.section("reports of " + HiresFile.YEAR + " over " + rows + " hires (HTTP, JSON; best of 3)");
    long analyzed = db.queryLong("SELECT coalesce(extract(epoch FROM now() - greatest(last_analyze, last_autoanalyze))"
        + "::bigint, -1) FROM pg_stat_user_tables WHERE relname = 'hired_employees'");
    String statistics = analyzed < 0 ? "never analyzed" : "analyzed " + analyzed + " s before";
    figures.line("reportStatistics", "statistics of hired_employees", statistics, statistics);
    timeReports(api, db, figures, "", "");
    db.execute("ANALYZE hired_employees");
    timeReports(api, db, figures, "-analyzed", ", after ANALYZE");
  }

  /** Both reports, and whether autovacuum worked on the table meanwhile, which slows them on two cores. */
  private static void timeReports(Api api, Database db, Figures figures, String keySuffix, String whenSuffix) {
    SortedSet<String> autovacuum;
    try (AutovacuumWatch watch = db.watchAutovacuum("hired_employees")) {
      for (String report : List.of("hires-by-quarter", "departments-above-mean")) {
        double best = Figures.seconds(Best.timed(3, () -> api.report(report + "?year=" + HiresFile.YEAR)));
        figures.line("report-" + report + keySuffix, report + whenSuffix, Figures.round(best),
            String.format(Locale.ROOT, "%.3f s", best));
      }
      autovacuum = watch.stop();
    }
    figures.line("reportAutovacuum" + keySuffix, "  autovacuum on hired_employees meanwhile", autovacuum,
        autovacuum.isEmpty() ? "none seen" : String.join(", ", autovacuum));
  }

  private static void memory(Stack stack, Figures figures) {
    figures.section("peak resident memory");
    Map<String, Long> peaks = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      peaks.put(service.module(), PeakMemory.megabytes(stack.process(service, 1).pid()));
    }
    peaks.put("kafka broker (in the benchmark's JVM)", PeakMemory.megabytes(ProcessHandle.current().pid()));
    peaks.forEach((name, mb) -> OUT.printf("  %-44s %,6d MB%n", name, mb));
    figures.put("peakResidentMegabytes", peaks);
  }

  private static Path referenceData(Path work, String table) {
    Path file = work.resolve(table + ".csv");
    StringBuilder csv = new StringBuilder();
    int count = table.equals("departments") ? HiresFile.DEPARTMENTS : HiresFile.JOBS;
    for (int id = 1; id <= count; id++) {
      csv.append(id).append(',').append(table.equals("departments") ? "Department " : "Job ").append(id).append('\n');
    }
    try {
      return Files.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature() + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + Instant.now();
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + directory, e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
