package dev.rowgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class DatabaseSchemaTest {

  @Test
  void theVersionIsThatOfTheLastMigrationFileByNumberNotByName() throws IOException {
    int last;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      last = files.map(f -> f.getFileName().toString()).filter(f -> f.matches("V\\d+__.+\\.sql"))
          .mapToInt(f -> Integer.parseInt(f.substring(1, f.indexOf("__")))).max().orElseThrow();
    }

    assertThat(DatabaseSchema.version()).isEqualTo(String.valueOf(last));
    assertThat(Integer.parseInt(DatabaseSchema.version())).as("V10 and later sort after V9").isGreaterThan(9);
  }
}
