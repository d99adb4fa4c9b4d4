package dev.rowgate.backup.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.rowgate.backup.BackupProperties;
import dev.rowgate.backup.catalog.TableCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup directory: {@code <table>/<id>.avro} and {@code <table>/<id>.json} (the manifest).
 * A backup is written under a hidden partial name and appears under its own only when complete
 * and on disk; its manifest appears last. Ids and table names from requests are checked against
 * their patterns and the catalog before they name any path.
 */
@Component
public final class BackupFiles {

  private static final Logger log = LoggerFactory.getLogger(BackupFiles.class);
  private static final Pattern ID = Pattern.compile("([a-z_][a-z0-9_]{0,62})-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final String PARTIAL = ".partial";
  private static final JsonMapper JSON = JsonMapper.shared();

  private final Path root;
  private final TableCatalog catalog;

  BackupFiles(BackupProperties properties, TableCatalog catalog) {
    this.catalog = catalog;
    this.root = properties.directory().toAbsolutePath().normalize();
  }

  public String newId(String table, Instant now) {
    return table + "-" + STAMP.format(now) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** Where a backup is written until it is complete. */
  Path partial(String table, String id) {
    return directory(table).resolve("." + id + ".avro" + PARTIAL);
  }

  /**
   * Makes a complete, synced backup file and its manifest visible under their names. If the
   * manifest cannot be written (a full disk, say), the backup file goes too.
   */
  void publish(Path partial, Manifest manifest) {
    Path directory = directory(manifest.table());
    Path file = directory.resolve(manifest.file());
    Path manifestPartial = directory.resolve("." + manifest.id() + ".json" + PARTIAL);
    try {
      move(partial, file);
      Files.write(manifestPartial, JSON.writeValueAsBytes(manifest));
      sync(manifestPartial);
      move(manifestPartial, manifestFile(directory, manifest.id()));
      sync(directory);
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("cannot publish backup " + manifest.id(), e);
      for (Path unfinished : List.of(file, manifestPartial)) {
        try {
          Files.deleteIfExists(unfinished);
        } catch (IOException cleanup) {
          failure.addSuppressed(cleanup);
        }
      }
      throw failure;
    }
  }

  /** The complete backups, newest first, of one table or of all. */
  public List<Manifest> list(Optional<String> table) {
    List<String> tables = table.map(List::of).orElseGet(catalog::names);
    List<Manifest> manifests = new ArrayList<>();
    for (String name : tables) {
      Path directory = directory(name);
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("."))
            .map(this::readManifest).flatMap(Optional::stream).forEach(manifests::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + directory, e);
      }
    }
    manifests.sort(Comparator.comparing(Manifest::startedAt).thenComparing(Manifest::id).reversed());
    return manifests;
  }

  /** The manifest of a backup id, if the id is well-formed and the backup complete. */
  public Optional<Manifest> find(String id) {
    return tableOf(id).flatMap(table -> readManifest(manifestFile(directory(table), id)));
  }

  public Optional<Manifest> latest(String table) {
    return list(Optional.of(table)).stream().findFirst();
  }

  public Path file(Manifest manifest) {
    return inside(directory(manifest.table()).resolve(manifest.file()));
  }

  /** The table an id names, if the id is well-formed and the table known. */
  public Optional<String> tableOf(String id) {
    Matcher m = ID.matcher(id);
    return m.matches() ? catalog.find(m.group(1)) : Optional.empty();
  }

  /** Deletes all but the newest {@code keep} backups of the table. */
  public void prune(String table, int keep) {
    List<Manifest> backups = list(Optional.of(table));
    for (Manifest old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
      try {
        Files.deleteIfExists(manifestFile(directory(table), old.id()));
        Files.deleteIfExists(file(old));
        log.info("deleted backup {} (keeping the newest {})", old.id(), keep);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete backup " + old.id(), e);
      }
    }
  }

  /** Whether the table has a directory of backups, finished or not. */
  boolean hasDirectory(String table) {
    return Files.isDirectory(path(table));
  }

  /**
   * Deletes what a backup of the table that did not finish left behind: partial files, and a
   * backup file without its manifest (the process stopped between the two). Only while no other
   * backup of the table runs, which the table's operation lock ensures.
   */
  public void deleteUnfinished(String table) {
    Path directory = directory(table);
    try (Stream<Path> files = Files.list(directory)) {
      for (Path unfinished : files.filter(this::unfinished).toList()) {
        Files.deleteIfExists(unfinished);
        log.info("deleted {}, left by a backup that did not finish", unfinished);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + directory, e);
    }
  }

  private boolean unfinished(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(PARTIAL) || name.endsWith(".avro") && !name.startsWith(".")
        && !Files.exists(manifestFile(file.getParent(), name.substring(0, name.length() - ".avro".length())));
  }

  /** Where the manifest of a backup is, once the backup is complete. */
  private static Path manifestFile(Path directory, String id) {
    return directory.resolve(id + ".json");
  }

  private Path directory(String table) {
    Path directory = path(table);
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  /** Where the table's backups are, whether or not the directory exists. */
  private Path path(String table) {
    String known = catalog.find(table).orElseThrow(() -> new IllegalArgumentException("not a table: " + table));
    return inside(root.resolve(known));
  }

  private Path inside(Path path) {
    Path normal = path.toAbsolutePath().normalize();
    if (!normal.startsWith(root)) {
      throw new IllegalArgumentException(path + " is outside the backup directory");
    }
    return normal;
  }

  private Optional<Manifest> readManifest(Path file) {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(inside(file)), Manifest.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the backup directory's file system cannot rename atomically", e);
    }
  }

  static void sync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, Files.isDirectory(path)
        ? new StandardOpenOption[] {StandardOpenOption.READ} : new StandardOpenOption[] {StandardOpenOption.WRITE})) {
      channel.force(true);
    }
  }
}
