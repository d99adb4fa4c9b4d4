package dev.rowgate.validator;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the validator consumes and produces.
 *
 * @param concurrency consumer threads of this instance, each with its own transactions
 */
@Validated
@ConfigurationProperties("rowgate.validator")
public record ValidatorProperties(@DefaultValue("2") @Min(1) int concurrency) {
}
