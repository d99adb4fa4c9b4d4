package dev.rowgate.service;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this instance is among the instances of its service.
 *
 * @param instanceId a name unique among the instances of the service that each keeps across restarts
 *                   (a pod name, say). It makes its consumers static members of their group, so a
 *                   restarted instance takes its partitions back at once, and it names the
 *                   validator's transactional ids. Empty: dynamic membership, random transactional ids.
 */
@Validated
@ConfigurationProperties("rowgate")
public record InstanceProperties(@DefaultValue("") @Pattern(regexp = "[A-Za-z0-9._-]{0,100}") String instanceId) {

  public boolean hasInstanceId() {
    return !instanceId.isEmpty();
  }
}
