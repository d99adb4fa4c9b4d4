package dev.rowgate.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Authentication is off only when a setting says so, and the service says so at start. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "rowgate.security.enabled=false")
class AuthenticationOffIT extends ApiOnOwnInfrastructure {

  @Test
  void anyoneMayThenSendAndReadAndTheStartSaysSo(CapturedOutput output) {
    assertThat(output.getAll()).contains("WARN").contains("authentication is OFF (ROWGATE_SECURITY_ENABLED=false)");
    var accepted = anonymous.post("/api/v1/tables/departments/rows", "application/json",
        "[{\"id\": 1, \"department\": \"Sales\"}]");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(anonymous.get(accepted.header("Location")).status()).isEqualTo(200);
  }
}
