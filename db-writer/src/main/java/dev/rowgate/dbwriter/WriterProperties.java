package dev.rowgate.dbwriter;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the writer consumes and waits (its retries' pauses are every service's, {@code rowgate.retry}).
 * The defaults of those an environment variable sets are in application.yml, beside its name;
 * the others' in {@code @DefaultValue}.
 *
 * @param concurrency     consumer threads of this instance, each with its own transaction
 * @param databaseWait    how long the writer, when it starts, waits for PostgreSQL to be reachable
 *                        before it gives up and exits, for its supervisor to start it again
 * @param referenceWait   how long a valid row naming a referenced row that is not there yet waits
 *                        for it before it is refused (rule reference); 0 refuses it at once
 * @param referenceTriggers true to write valid rows with their foreign keys' triggers even where the
 *                        database role may turn them off (the writer checks and locks references itself)
 */
@Validated
@ConfigurationProperties("rowgate.writer")
public record WriterProperties(@Min(1) int concurrency,
                               Duration databaseWait,
                               Duration referenceWait,
                               boolean referenceTriggers) {
}
