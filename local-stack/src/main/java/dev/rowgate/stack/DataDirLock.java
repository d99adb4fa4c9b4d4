package dev.rowgate.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code ./run-local} per data directory: a second one would find the broker's log and the
 * database locked half-way through starting, and the ports of the first one's services taken. The
 * lock lasts as long as this JVM, however it ends.
 */
final class DataDirLock {

  private static FileLock held;

  private DataDirLock() {
  }

  static Path file(Path dataDir) {
    return dataDir.resolve("run-local.lock");
  }

  /** @return false when another process holds the lock of {@code dataDir} */
  static synchronized boolean take(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      FileChannel channel = FileChannel.open(file(dataDir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return false;
      }
      held = lock;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file(dataDir), e);
    }
  }
}
