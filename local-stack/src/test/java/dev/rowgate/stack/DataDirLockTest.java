package dev.rowgate.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @TempDir
  Path dir;

  @Test
  void aDataDirectoryLockedByAnotherProcessIsRefusedAndFreeOnceThatProcessIsGone() throws Exception {
    Path holder = dir.resolve("Holder.java");
    Files.writeString(holder, """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Holder {
          public static void main(String[] args) throws Exception {
            FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            System.out.println("locked");
            Thread.sleep(60_000);
          }
        }
        """);
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        holder.toString(), DataDirLock.file(dir).toString()).redirectErrorStream(true).start();
    try {
      assertThat(new String(other.getInputStream().readNBytes("locked".length()))).isEqualTo("locked");
      assertThat(DataDirLock.take(dir)).isFalse();
    } finally {
      other.destroyForcibly().waitFor();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !other.isAlive());
    assertThat(DataDirLock.take(dir)).isTrue();
  }
}
