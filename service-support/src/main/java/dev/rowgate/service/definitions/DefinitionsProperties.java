package dev.rowgate.service.definitions;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the table definitions are and how the services follow the applied version.
 *
 * @param directory    the directory of table definition files (one {@code <table>.yaml} per table) that
 *                     db-writer applies when it starts and the admin call applies at run time; its
 *                     default is rowgate-common.yml's
 * @param refresh      how often a service asks the database whether another version was applied
 * @param lockTimeout  how long applying definitions waits for a table that other work holds locked
 */
@Validated
@ConfigurationProperties("rowgate.definitions")
public record DefinitionsProperties(Path directory,
                                    @DefaultValue("1s") Duration refresh,
                                    @DefaultValue("30s") Duration lockTimeout) {
}
