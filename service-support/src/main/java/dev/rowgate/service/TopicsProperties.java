package dev.rowgate.service;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the services create the topics of the defined tables when they are missing.
 *
 * @param partitions        partitions of each raw, valid and rejected topic: the most consumers of one
 *                          group that can share a table's load
 * @param replicationFactor replicas of each partition; -1 takes the broker's default
 * @param create            false on clusters where the services may not create topics
 */
@Validated
@ConfigurationProperties("rowgate.topics")
public record TopicsProperties(@DefaultValue("6") @Min(1) int partitions,
                               @DefaultValue("-1") int replicationFactor,
                               @DefaultValue("true") boolean create) {
}
