package dev.rowgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml set up only as the services' own configuration says (no Docker engine needed). */
class ComposeFileTest {

  static final Path ROOT = Path.of("..");
  static final List<String> SERVICES = List.of("ingest-api", "validator-consumer", "db-writer", "backup-service");

  @Test
  void theComposeFileSetsOnlyWhatTheServicesReadAndPublishesTheirPorts() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));

    assertThat(ComposeCheck.violations(compose, applicationYmls())).isEmpty();
    assertThat(compose).contains("SERVICE: ingest-api", "SERVICE: validator-consumer", "SERVICE: db-writer",
        "SERVICE: backup-service", "image: apache/kafka:", "backups:/var/lib/rowgate/backups");
  }

  @Test
  void aVariableNoServiceReadsAMissingRequiredOneOrAWrongPortIsFound() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    String broken = compose
        .replace("ROWGATE_INSTANCE_ID: \"1\"\n      ROWGATE_VALIDATOR_PORT", "ROWGATE_VALIDATOR_TYPO: \"1\"\n      ROWGATE_VALIDATOR_PORT")
        .replace("      ROWGATE_ADMIN_PASSWORD: ${ROWGATE_BACKUP_ADMIN_PASSWORD:?set ROWGATE_BACKUP_ADMIN_PASSWORD}\n"
            + "      ROWGATE_BACKUP_DIR", "      ROWGATE_BACKUP_DIR")
        .replace("\"8080:8080\"", "\"8080:9090\"");

    assertThat(ComposeCheck.violations(broken, applicationYmls())).containsExactlyInAnyOrder(
        "validator-consumer: sets ROWGATE_VALIDATOR_TYPO, which validator-consumer does not read",
        "backup-service: does not set ROWGATE_ADMIN_PASSWORD, which backup-service requires",
        "ingest-api: listens on 8080 but publishes [8080:9090]");
  }

  /**
   * The broker, the database and the backups keep their data on their named volumes, not in the
   * container, where it would be gone when the container is made again. The apache/kafka image
   * writes to /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS says otherwise; postgres:17 to
   * /var/lib/postgresql/data.
   */
  @Test
  @SuppressWarnings("unchecked")
  void eachVolumeIsMountedWhereItsServiceKeepsItsData() throws IOException {
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) new Yaml()
        .<Map<String, Object>>load(Files.readString(ROOT.resolve("docker-compose.yml"))).get("services");

    assertThat(services.get("postgres").get("image")).isEqualTo("postgres:17");
    assertThat(mount(services.get("kafka"), "kafka-data")).isEqualTo(environment(services.get("kafka"), "KAFKA_LOG_DIRS"));
    assertThat(mount(services.get("postgres"), "postgres-data")).isEqualTo("/var/lib/postgresql/data");
    assertThat(mount(services.get("backup-service"), "backups"))
        .isEqualTo(environment(services.get("backup-service"), "ROWGATE_BACKUP_DIR"));
  }

  @SuppressWarnings("unchecked")
  private static String mount(Map<String, Object> service, String volume) {
    return ((List<String>) service.get("volumes")).stream().filter(v -> v.startsWith(volume + ":"))
        .map(v -> v.substring(volume.length() + 1)).findFirst().orElse("no mount of " + volume);
  }

  @SuppressWarnings("unchecked")
  private static String environment(Map<String, Object> service, String name) {
    return String.valueOf(((Map<String, Object>) service.get("environment")).get(name));
  }

  @Test
  void theVariablesOfAnApplicationYmlAreReadWithTheirDefaults() {
    assertThat(ComposeCheck.variables("a: ${ROWGATE_A:1}\nb: ${ROWGATE_B}\nc: ${ROWGATE_C:}\nd: ${spring.x}"))
        .containsExactly(Map.entry("ROWGATE_A", Optional.of("1")), Map.entry("ROWGATE_B", Optional.empty()),
            Map.entry("ROWGATE_C", Optional.of("")));
  }

  /** Each service's module and the settings it reads: its application.yml and the rowgate-common.yml it imports. */
  static Map<String, String> applicationYmls() throws IOException {
    String common = Files.readString(ROOT.resolve("service-support/src/main/resources/rowgate-common.yml"));
    Map<String, String> ymls = new LinkedHashMap<>();
    for (String module : SERVICES) {
      String own = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
      assertThat(own).as(module + " imports the common settings").contains("import: classpath:rowgate-common.yml");
      ymls.put(module, own + "\n" + common);
    }
    return ymls;
  }
}
