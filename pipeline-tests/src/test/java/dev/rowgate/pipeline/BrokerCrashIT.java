package dev.rowgate.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.BrokerProcess;
import dev.rowgate.stack.test.DatabaseNeutral;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker killed with SIGKILL in the middle of a load, while the file is still arriving,
 * and started again on its log: no clean shutdown, open transactions and producer state recovered
 * from the log. The upload is accepted, and every row ends in its table or its errors table, once.
 */
@DatabaseNeutral
class BrokerCrashIT {

  static BrokerProcess broker;
  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    Path data = Path.of("target", "broker-" + UUID.randomUUID()).toAbsolutePath();
    broker = BrokerProcess.start(data, KafkaBroker.freePort(), 6);
    pipeline = Pipeline.start(Map.of(Service.BACKUP, 0), Map.of(), broker.bootstrapServers()).withDepartmentsAndJobs();
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    broker.close();
  }

  @Test
  void aLoadSurvivesTheBrokerKilledMidwayWithNoRowLostOrDuplicated() throws Exception {
    BrokerOutage.assertLoadSurvives(pipeline, GeneratedHires.write(150_000), () -> {
      broker.kill();
      broker = broker.startAgain();
    });
  }
}
