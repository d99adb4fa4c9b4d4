package dev.rowgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * terraform's outputs are exactly the settings the services read: each {@code ROWGATE_*} output
 * (or {@code <setting>_SECRET_ARN}, for a secret kept in Secrets Manager) names a variable some
 * service reads, and every setting that says where Kafka and PostgreSQL are has an output.
 */
class TerraformOutputsTest {

  private static final Pattern OUTPUT = Pattern.compile("(?m)^output \"([A-Za-z0-9_]+)\"");
  private static final Pattern CONNECTION = Pattern.compile("ROWGATE_(DB|KAFKA)_.*");
  /** Settings named like connections that are tuning, with a default, and not the cloud's to give. */
  private static final Set<String> TUNING = Set.of("ROWGATE_KAFKA_COMPRESSION");
  private static final String SECRET = "_SECRET_ARN";

  @Test
  void theOutputsAreTheConnectionSettingsTheServicesRead() throws IOException {
    String outputs = Files.readString(ComposeFileTest.ROOT.resolve("terraform/outputs.tf"));

    assertThat(violations(outputs, readByServices())).isEmpty();
    assertThat(outputs).contains("output \"ROWGATE_DB_URL\"", "output \"ROWGATE_DB_PASSWORD_SECRET_ARN\"");
  }

  @Test
  void anOutputNoServiceReadsOrAMissingConnectionSettingIsFound() throws IOException {
    String outputs = Files.readString(ComposeFileTest.ROOT.resolve("terraform/outputs.tf"))
        .replace("output \"ROWGATE_DB_USER\"", "output \"ROWGATE_DB_USERNAME\"")
        .replace("output \"ROWGATE_DB_PASSWORD_SECRET_ARN\"", "output \"DB_PASSWORD_SECRET_ARN\"");

    assertThat(violations(outputs, readByServices())).containsExactly(
        "output ROWGATE_DB_USERNAME: no service reads ROWGATE_DB_USERNAME",
        "no output for ROWGATE_DB_PASSWORD, which the services read",
        "no output for ROWGATE_DB_USER, which the services read");
  }

  static List<String> violations(String outputsTf, Set<String> read) {
    List<String> violations = new ArrayList<>();
    Set<String> given = new TreeSet<>();
    Matcher m = OUTPUT.matcher(outputsTf);
    while (m.find()) {
      String output = m.group(1);
      if (output.startsWith("ROWGATE_")) {
        String setting = output.endsWith(SECRET) ? output.substring(0, output.length() - SECRET.length()) : output;
        given.add(setting);
        if (!read.contains(setting)) {
          violations.add("output " + output + ": no service reads " + setting);
        }
      }
    }
    read.stream().filter(v -> CONNECTION.matcher(v).matches() && !TUNING.contains(v) && !given.contains(v)).sorted()
        .forEach(v -> violations.add("no output for " + v + ", which the services read"));
    return violations;
  }

  private static Set<String> readByServices() throws IOException {
    Set<String> read = new TreeSet<>();
    for (String applicationYml : ComposeFileTest.applicationYmls().values()) {
      read.addAll(ComposeCheck.variables(applicationYml).keySet());
    }
    return read;
  }
}
