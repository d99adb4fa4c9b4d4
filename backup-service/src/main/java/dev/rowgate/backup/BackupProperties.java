package dev.rowgate.backup;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where backups go and how they are made.
 * The defaults of those an environment variable sets are in application.yml, beside its name;
 * the others' in {@code @DefaultValue}.
 *
 * @param directory   the backup directory: {@code <directory>/<table>/<id>.avro} and its manifest
 * @param codec       the Avro codec: zstandard, deflate, snappy, bzip2 or null; not xz, whose
 *                    encoder needs about 100 MB of heap per backup (and a library not shipped)
 * @param keep        the newest backups kept per table; older ones are deleted after each backup
 * @param schedule    a cron expression for backups of every table, or "-" for none
 * @param maxWait     the longest {@code ?wait=} a request may ask for
 * @param lockTimeout how long a restore waits for the table's lock before it gives up
 */
@Validated
@ConfigurationProperties("rowgate.backup")
public record BackupProperties(@NotNull Path directory,
                               @Pattern(regexp = "zstandard|deflate|snappy|bzip2|null",
                                   message = "is zstandard, deflate, snappy, bzip2 or null") String codec,
                               @Min(1) int keep,
                               @NotBlank String schedule,
                               @DefaultValue("60s") Duration maxWait,
                               @DefaultValue("30s") Duration lockTimeout) {
}
