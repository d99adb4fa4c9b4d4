package dev.rowgate.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Generated hires as a CSV file without header, like the real data: ids from {@code firstId}, a
 * name, a 2021 timestamp, one of 12 departments and one of 183 jobs. A seeded fraction is
 * invalid, in turns an empty name, a datetime without offset and a department that does not
 * exist. The valid rows also go to a file of their own, which COPY can load.
 */
record HiresFile(Path all, Path valid, long rows, long invalidRows) {

  static final int DEPARTMENTS = 12;
  static final int JOBS = 183;
  /** The year of every hire's timestamp. */
  static final int YEAR = 2021;

  private static final long YEAR_START = Instant.parse(YEAR + "-01-01T00:00:00Z").getEpochSecond();
  private static final int YEAR_SECONDS = 365 * 86_400;

  static HiresFile write(Path directory, String fileName, long firstId, long rows, double invalidFraction, long seed) {
    Path all = directory.resolve(fileName + ".csv");
    Path valid = directory.resolve(fileName + "-valid.csv");
    SplittableRandom random = new SplittableRandom(seed);
    long invalid = 0;
    try (BufferedWriter allRows = Files.newBufferedWriter(all, StandardCharsets.UTF_8);
         BufferedWriter validRows = Files.newBufferedWriter(valid, StandardCharsets.UTF_8)) {
      for (long id = firstId; id < firstId + rows; id++) {
        String name = "Hire " + Long.toString(random.nextLong(1L << 40), 36) + " " + id;
        String datetime = Instant.ofEpochSecond(YEAR_START + random.nextInt(YEAR_SECONDS)).toString();
        int department = 1 + random.nextInt(DEPARTMENTS);
        int job = 1 + random.nextInt(JOBS);
        if (random.nextDouble() < invalidFraction) {
          switch ((int) (invalid++ % 3)) {
            case 0 -> name = "";
            case 1 -> datetime = datetime.replace("Z", "");
            default -> department = DEPARTMENTS + 1 + random.nextInt(1000);
          }
          allRows.write(id + "," + name + "," + datetime + "," + department + "," + job + "\n");
        } else {
          String line = id + "," + name + "," + datetime + "," + department + "," + job + "\n";
          allRows.write(line);
          validRows.write(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + all, e);
    }
    return new HiresFile(all, valid, rows, invalid);
  }

  long validRows() {
    return rows - invalidRows;
  }
}
