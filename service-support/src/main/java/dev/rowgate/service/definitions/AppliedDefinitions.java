package dev.rowgate.service.definitions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import dev.rowgate.schema.Definitions;
import dev.rowgate.schema.DefinitionsJson;
import dev.rowgate.schema.Table;
import dev.rowgate.schema.TableDefinition;
import dev.rowgate.service.problem.ApiException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The version of the table definitions applied to the database, as this service follows it. Work
 * that must not use an older version than one applied a while before it began (a poll of records,
 * a request) asks {@link #latest()}: the version read from the database at most
 * {@code rowgate.definitions.refresh} before the call. Whoever applies a version waits that long
 * before saying it is applied ({@link #propagation()}), so that what starts after the answer, on
 * any instance, reads it. Work that may meet a version newer than that (a record written with a
 * schema this service has not seen) asks {@link #latestNow()}. In the background the version is
 * read every {@code refresh}, and the listeners hear of each new one (a consumer that takes the
 * topics of a new table, the topics to create).
 */
public final class AppliedDefinitions implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AppliedDefinitions.class);

  private static final String MIGRATED = "SELECT to_regclass('table_definitions') IS NOT NULL";
  private static final String LATEST = "SELECT max(version) FROM table_definitions";
  private static final String VERSION = "SELECT definitions::text, schemas::text FROM table_definitions WHERE version = :version";
  private static final String KNOWN = "SELECT fingerprint FROM table_schemas WHERE first_version <= :version";
  private static final TypeReference<Map<String, Long>> FINGERPRINTS = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final SchemaHistory schemas;
  private final Duration refresh;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile Definitions current = Definitions.NONE;
  /** The fingerprint of every valid-row schema of the current version and of those before it. */
  private volatile Set<Long> known = Set.of();
  /** When the version was last read ({@link System#nanoTime()}, taken before the query). */
  private volatile long readAt;
  private volatile boolean migrated;
  private volatile String failure;
  private final TaskScheduler scheduler;
  private volatile ScheduledFuture<?> refresher;

  /** A listener and the version it last heard of. */
  private static final class Listener {
    final Consumer<Definitions> consumer;
    int heard;

    Listener(Consumer<Definitions> consumer) {
      this.consumer = consumer;
    }
  }

  /** @param scheduler where it reads the version every {@code refresh} once started */
  public AppliedDefinitions(JdbcClient jdbc, SchemaHistory schemas, Duration refresh, TaskScheduler scheduler) {
    this.jdbc = jdbc;
    this.schemas = schemas;
    this.refresh = refresh;
    this.scheduler = scheduler;
    this.readAt = System.nanoTime() - refresh.toNanos() - 1;
  }

  /**
   * The version applied now, read from the database at most {@code refresh} before this call: any
   * version applied {@code refresh} before the call began, or earlier, is the one returned, or a
   * later one. One small query a {@code refresh} at most.
   *
   * @throws org.springframework.dao.DataAccessException when the database cannot say
   */
  public Definitions latest() {
    return System.nanoTime() - readAt < refresh.toNanos() ? current : latestNow();
  }

  /**
   * The version applied now, read from the database where a record of these valid-row schema
   * fingerprints names one this service does not know yet (a table's schema of a newer version),
   * else as {@link #latest()}.
   */
  public Definitions latest(Collection<Long> fingerprints) {
    Definitions applied = latest();
    return known.containsAll(fingerprints) ? applied : latestNow();
  }

  /**
   * Waits until a version committed at {@code committedAt} ({@link System#nanoTime()}, taken after
   * the commit) is the one that {@link #latest()} returns on every instance that follows
   * definitions every {@code refresh}: each of them read the version after the commit, or reads it
   * at its next call. This is the bound the protocol rests on, so the wait is for the time itself.
   */
  public static void awaitPropagation(Duration refresh, long committedAt) {
    long left;
    while ((left = committedAt + refresh.toNanos() - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("interrupted while the table definitions propagate");
      }
    }
  }

  /**
   * The version applied now, as the database says: any version applied before this call began is
   * the one returned, or a later one.
   *
   * @throws org.springframework.dao.DataAccessException when the database cannot say
   */
  public Definitions latestNow() {
    long asked = System.nanoTime();
    if (!migrated) {
      migrated = Boolean.TRUE.equals(jdbc.sql(MIGRATED).query(Boolean.class).single());
      if (!migrated) {
        return current;
      }
    }
    Integer version = jdbc.sql(LATEST).query(Integer.class).optional().orElse(null);
    if (version != null && version != current.version()) {
      synchronized (this) {
        if (version > current.version()) {
          known = Set.copyOf(jdbc.sql(KNOWN).param("version", version).query(Long.class).list());
          current = load(version);
          log.info("table definitions version {} applies now: {}", version, current.names());
        }
      }
    }
    if (asked - readAt > 0) {
      readAt = asked;
    }
    return current;
  }

  /** The version this service last learnt of, without asking the database. */
  public Definitions current() {
    return current;
  }

  /** Why the last refresh failed; null when it did not. */
  public String failure() {
    return failure;
  }

  /**
   * Calls {@code listener} with the version this service follows now, if it knows one (at once, on
   * this thread), and with every later version (on the thread that refreshes).
   */
  public void onChange(Consumer<Definitions> listener) {
    Listener added = new Listener(listener);
    listeners.add(added);
    if (current.version() > 0) {
      tell(added, current);
    }
  }

  private Definitions load(int version) {
    Map.Entry<String, String> row = jdbc.sql(VERSION).param("version", version)
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).single();
    List<TableDefinition> definitions = DefinitionsJson.read(row.getKey());
    Map<String, Long> fingerprints = JsonMapper.shared().readValue(row.getValue(), FINGERPRINTS);
    List<Table> tables = new ArrayList<>();
    for (TableDefinition definition : definitions) {
      Schema schema = schemas.findByFingerprint(fingerprints.get(definition.name()));
      if (schema == null) {
        throw new IllegalStateException("version " + version + " names a schema of " + definition.name()
            + " that table_schemas does not hold");
      }
      tables.add(new Table(definition, schema));
    }
    return new Definitions(version, tables);
  }

  /** Tells a listener of the version, once; should it fail, it is told again at the next refresh. */
  private static void tell(Listener listener, Definitions now) {
    synchronized (listener) {
      if (listener.heard >= now.version()) {
        return;
      }
      try {
        listener.consumer.accept(now);
        listener.heard = now.version();
      } catch (RuntimeException e) {
        log.warn("cannot follow table definitions version {} yet, trying again: {}", now.version(), e.toString());
      }
    }
  }

  /** The table of the applied definitions named {@code name}, as {@link #latest()} has them, or a 404 problem. */
  public Table table(String name) {
    return ApiException.definedTable(latest(), name);
  }

  @Override
  public void start() {
    refresher = scheduler.scheduleWithFixedDelay(this::refresh, refresh);
  }

  private void refresh() {
    try {
      Definitions now = latestNow();
      if (failure != null) {
        log.info("the applied table definitions can be read again");
        failure = null;
      }
      listeners.forEach(listener -> tell(listener, now));
    } catch (RuntimeException e) {
      if (failure == null) {
        log.warn("cannot read the applied table definitions, trying again every {} ms: {}", refresh.toMillis(),
            e.getMessage());
      }
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    }
  }

  @Override
  public void stop() {
    refresher.cancel(false);
  }

  @Override
  public boolean isRunning() {
    return refresher != null && !refresher.isCancelled();
  }

  /** Before the services' own parts, which follow it. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
