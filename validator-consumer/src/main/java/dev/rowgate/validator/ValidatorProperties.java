package dev.rowgate.validator;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the validator consumes and produces.
 * The defaults of those an environment variable sets are in application.yml, beside its name;
 * the others' in {@code @DefaultValue}.
 *
 * @param concurrency consumer threads of this instance, each with its own transactions
 */
@Validated
@ConfigurationProperties("rowgate.validator")
public record ValidatorProperties(@Min(1) int concurrency) {
}
