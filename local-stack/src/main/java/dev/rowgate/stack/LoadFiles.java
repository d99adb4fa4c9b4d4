package dev.rowgate.stack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./run-local load [--url URL] [--table TABLE] <folder or files>}: uploads CSV files to a
 * running rowgate, each to the table it is named after (or to {@code --table}), the tables that others
 * reference first, each file done before the next. Each shows a progress bar on a terminal (bytes
 * sent, then rows done), a line per quarter otherwise; then a summary per file. Exits 0 when every
 * row was persisted, 1 when some were rejected, 2 when a file was not loaded (no such table, rowgate
 * not reachable, the upload refused).
 */
final class LoadFiles {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String url;
  private final String authorization;
  private final PrintStream out;
  private final boolean terminal;

  /** @param authorization the value of the Authorization header of every request, or null for none */
  LoadFiles(String url, String authorization, PrintStream out, boolean terminal) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.authorization = authorization;
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * HTTP Basic of {@code ROWGATE_USER} (admin unless set) and {@code ROWGATE_PASSWORD}, or else the
   * admin's password that ./run-local keeps in its data directory while it runs; null without either.
   */
  static String authorization(Map<String, String> env) {
    String password = env.get("ROWGATE_PASSWORD");
    Path kept = LocalStack.adminPasswordFile(LocalStack.dataDir(env));
    if ((password == null || password.isBlank()) && Files.isReadable(kept)) {
      try {
        password = Files.readString(kept).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + kept, e);
      }
    }
    if (password == null || password.isBlank()) {
      return null;
    }
    String credentials = env.getOrDefault("ROWGATE_USER", "admin") + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** A request to the API, with the credentials if there are any. */
  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + pathAndQuery));
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  /** A file to load, and what became of it. */
  record Load(Path file, String table, String batch, JsonNode status, String failure) {

    Load done(String batchId, JsonNode batchStatus) {
      return new Load(file, table, batchId, batchStatus, null);
    }

    Load failed(String why) {
      return new Load(file, table, batch, status, why);
    }
  }

  static void main(String[] args) {
    String url = System.getenv().getOrDefault("ROWGATE_URL", "http://localhost:8080");
    String table = null;
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--table" -> table = args[++i];
        default -> paths.add(Path.of(args[i]));
      }
    }
    if (paths.isEmpty()) {
      System.err.println("usage: load [--url URL] [--table TABLE] <folder or CSV files>   (URL: ROWGATE_URL, "
          + "default http://localhost:8080; credentials: ROWGATE_USER, admin unless set, and ROWGATE_PASSWORD, the "
          + "admin's password of a running ./run-local unless set)");
      System.exit(2);
    }
    System.exit(new LoadFiles(url, authorization(System.getenv()), System.out, System.console() != null)
        .load(files(paths), table));
  }

  /** The CSV files of the folders given (in name order) and the files given. */
  static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> listed = Files.list(path)) {
          listed.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files.add(path);
      }
    }
    return files;
  }

  /** Loads the files; returns the exit status. */
  int load(List<Path> files, String table) {
    List<String> order;
    try {
      order = tablesInLoadOrder();
    } catch (IOException e) {
      out.println("rowgate does not answer at " + url + ": " + e.getMessage());
      return 2;
    }
    List<Load> loads = new ArrayList<>(files.stream().map(f -> new Load(f, table == null ? tableOf(f) : table, null,
        null, null)).toList());
    loads.sort(Comparator.comparingInt(l -> order.contains(l.table()) ? order.indexOf(l.table()) : order.size()));
    List<Load> results = new ArrayList<>();
    for (Load load : loads) {
      results.add(order.contains(load.table()) ? load(load)
          : load.failed("no table " + load.table() + " (tables: " + String.join(", ", order) + ")"));
    }
    summary(results);
    if (results.stream().anyMatch(r -> r.failure() != null)) {
      return 2;
    }
    return results.stream().anyMatch(r -> r.status().path("rejected").asLong(0) > 0) ? 1 : 0;
  }

  private Load load(Load load) {
    try {
      long size = Files.size(load.file());
      Progress sending = new Progress(load.file().getFileName() + " -> " + load.table() + ": sending", size, "bytes");
      HttpRequest request = request("/api/v1/tables/" + load.table() + "/csv?fileName="
              + URLEncoder.encode(load.file().getFileName().toString(), StandardCharsets.UTF_8))
          .header("Content-Type", "text/csv").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counted(load.file(), sending))).build();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      sending.end();
      JsonNode body = JSON.readTree(answer.body());
      if (answer.statusCode() != 202) {
        return load.failed("refused (" + answer.statusCode() + "): " + body.path("detail").asString(answer.body()));
      }
      String batch = body.path("batchId").asString();
      return load.done(batch, follow(load, batch, body.path("rows").asLong()));
    } catch (IOException e) {
      return load.failed("not sent: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return load.failed("interrupted");
    }
  }

  /** The batch's status once it is done, its rows' progress shown meanwhile. */
  private JsonNode follow(Load load, String batch, long rows) throws IOException, InterruptedException {
    Progress done = new Progress(load.file().getFileName() + " -> " + load.table() + ": rows done", rows, "rows");
    while (true) {
      HttpResponse<String> answer = http.send(request("/api/v1/batches/" + batch + "?wait=2s&size=0").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode status = JSON.readTree(answer.body());
      done.at(status.path("persisted").asLong(0) + status.path("rejected").asLong(0));
      String state = status.path("state").asString("");
      if (state.equals("done") || state.equals("failed")) {
        done.end();
        return status;
      }
    }
  }

  private static InputStream counted(Path file, Progress progress) {
    try {
      return new FilterInputStream(Files.newInputStream(file)) {
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int read = super.read(buffer, offset, length);
          if (read > 0) {
            progress.add(read);
          }
          return read;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void summary(List<Load> loads) {
    out.printf("%n%-28s %-20s %10s %10s %10s %10s  %s%n", "file", "table", "received", "valid", "rejected",
        "persisted", "state");
    for (Load load : loads) {
      if (load.failure() != null) {
        out.printf("%-28s %-20s %s%n", load.file().getFileName(), load.table(), "NOT LOADED: " + load.failure());
      } else {
        JsonNode s = load.status();
        out.printf("%-28s %-20s %10d %10d %10d %10d  %s%n", load.file().getFileName(), load.table(),
            s.path("received").asLong(0), s.path("valid").asLong(0), s.path("rejected").asLong(0),
            s.path("persisted").asLong(0), s.path("state").asString("") + "  /api/v1/batches/" + load.batch());
      }
    }
  }

  private List<String> tablesInLoadOrder() throws IOException {
    try {
      HttpResponse<String> answer = http.send(request("/api/v1/tables").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 401 || answer.statusCode() == 403) {
        throw new IOException("GET /api/v1/tables answered " + answer.statusCode() + ": set ROWGATE_USER and "
            + "ROWGATE_PASSWORD to a user with the roles writer and viewer (or the admin)");
      }
      if (answer.statusCode() != 200) {
        throw new IOException("GET /api/v1/tables answered " + answer.statusCode());
      }
      return JSON.readTree(answer.body()).path("tables").valueStream().map(t -> t.path("name").asString()).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The table a file is named after: {@code departments.csv} loads departments. */
  static String tableOf(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
  }

  /** A progress bar on a terminal, or a line per quarter elsewhere. */
  private final class Progress {
    private final String what;
    private final long total;
    private final String unit;
    private long at;
    private int shown = -1;

    Progress(String what, long total, String unit) {
      this.what = what;
      this.total = Math.max(total, 1);
      this.unit = unit;
    }

    synchronized void add(long amount) {
      at(at + amount);
    }

    synchronized void at(long now) {
      at = Math.min(now, total);
      int percent = (int) (100 * at / total);
      if (terminal) {
        if (percent != shown) {
          int bar = percent / 4;
          out.print("\r" + what + " [" + "#".repeat(bar) + " ".repeat(25 - bar) + "] " + percent + "% (" + at + " of "
              + total + " " + unit + ")");
          out.flush();
        }
      } else if (percent / 25 != shown / 25 || shown < 0) {
        out.println(what + ": " + percent + "% (" + at + " of " + total + " " + unit + ")");
      }
      shown = percent;
    }

    synchronized void end() {
      at(total);
      if (terminal) {
        out.println();
      }
    }
  }
}
