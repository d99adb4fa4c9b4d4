package dev.rowgate.validator;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the validator consumes and produces.
 *
 * @param instanceId  a name unique to this instance that it keeps across restarts (a pod name, say):
 *                    its transactional ids and static group membership, so a restarted instance
 *                    fences its crashed predecessor at once; empty means a random one per start
 * @param concurrency consumer threads of this instance, each with its own transactions
 */
@Validated
@ConfigurationProperties("rowgate.validator")
public record ValidatorProperties(@DefaultValue("") @Pattern(regexp = "[A-Za-z0-9._-]{0,100}") String instanceId,
                                  @DefaultValue("2") @Min(1) int concurrency) {
}
