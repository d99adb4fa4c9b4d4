package dev.rowgate.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A rowgate service running as a JVM process of its own, its output in a log file. It can be
 * stopped (SIGTERM, a graceful shutdown) or killed (SIGKILL, as in a crash).
 */
public final class ServiceProcess implements AutoCloseable {

  private static final String CAUSED_BY = "Caused by: ";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  /** Where this process's output starts in its log, which may hold the output of earlier runs. */
  private final long logStart;
  private volatile boolean stopping;

  private ServiceProcess(String name, Process process, Path log, long logStart) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.logStart = logStart;
  }

  /**
   * Starts {@code java <jvmArgs> <launch...>} with the environment added to this process's.
   *
   * @param launch for example {@code -jar service.jar}, or {@code -cp <classpath> <main class>}
   */
  public static ServiceProcess start(String name, List<String> jvmArgs, List<String> launch,
                                     Map<String, String> environment, Path log) {
    return start(name, Path.of(System.getProperty("java.home"), "bin", "java"), jvmArgs, launch, environment, log);
  }

  /** Starts the process with another {@code java} than this JVM's. */
  public static ServiceProcess start(String name, Path java, List<String> jvmArgs, List<String> launch,
                                     Map<String, String> environment, Path log) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmArgs);
    command.addAll(launch);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      return new ServiceProcess(name, builder.start(), log, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Whether a starting process serves yet; an {@link IOException} means not yet. */
  @FunctionalInterface
  public interface Readiness {
    boolean serves() throws IOException, InterruptedException;
  }

  /** Waits until {@code url} answers 200, or fails when the process dies or the time is up. */
  public void awaitHttpOk(String url, Duration timeout) {
    await(url, timeout, () -> HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  /**
   * Asks {@code readiness} until it says yes, a quarter of a second apart, or fails when the
   * process dies or the time is up; {@code what} names what is asked in the failure.
   */
  public void await(String what, Duration timeout, Readiness readiness) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + lastCause().map(cause -> ": " + cause).orElse("") + "; see " + log);
      }
      try {
        if (readiness.serves()) {
          return;
        }
      } catch (IOException e) {
        // not serving yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      process.onExit().completeOnTimeout(process, 250, TimeUnit.MILLISECONDS).join();
    }
    throw new IllegalStateException(name + " did not answer " + what + " within " + timeout + "; see " + log);
  }

  /**
   * The innermost cause of the last exception this process logged ({@code Caused by: ...}, as a
   * Spring Boot application that fails to start prints it), at most 500 characters.
   */
  Optional<String> lastCause() {
    return lastLine(line -> line.startsWith(CAUSED_BY), line -> line.substring(CAUSED_BY.length()));
  }

  /**
   * The last line of this process's output that {@code matches}, as {@code shown} makes it, stripped,
   * at most 500 characters; or what kept the log from being read.
   */
  private Optional<String> lastLine(Predicate<String> matches, UnaryOperator<String> shown) {
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(logStart);
      String last = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (matches.test(line)) {
          last = line;
        }
      }
      return Optional.ofNullable(last).map(shown).map(String::strip)
          .map(text -> text.length() <= 500 ? text : text.substring(0, 500) + "…");
    } catch (IOException e) {
      return Optional.of("(its log cannot be read: " + e + ")");
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the process has exited, with its exit code. */
  public java.util.concurrent.CompletableFuture<Integer> exited() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /** Whether it was told to stop ({@link #close}), rather than dying on its own or being killed as in a crash. */
  public boolean stopping() {
    return stopping;
  }

  /**
   * What the process last said went wrong: the innermost cause of its last exception, else its
   * last line logged at ERROR, else nothing.
   */
  public Optional<String> lastError() {
    return lastCause().or(() -> lastLine(line -> line.contains(" ERROR ") || line.startsWith("Error"), line -> line));
  }

  /** SIGKILL: the process dies at once, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    process.onExit().join();
  }

  /** SIGTERM, then SIGKILL if it has not exited within 30 seconds. */
  @Override
  public void close() {
    stopping = true;
    process.destroy();
    if (process.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() == null) {
      kill();
    }
  }
}
