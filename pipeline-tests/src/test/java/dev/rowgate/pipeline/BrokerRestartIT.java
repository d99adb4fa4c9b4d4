package dev.rowgate.pipeline;

import java.time.Duration;
import java.util.Map;

import dev.rowgate.stack.Service;
import dev.rowgate.stack.test.DatabaseNeutral;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped in the middle of a load and started again seconds later, while the
 * file is still arriving: the ingest API, the validator and the writer find it again on their own,
 * the upload is accepted, and every row ends in its table or its errors table, once.
 */
@DatabaseNeutral
class BrokerRestartIT {

  static Pipeline pipeline;

  @BeforeAll
  static void start() {
    pipeline = Pipeline.start(Map.of(Service.BACKUP, 0)).withDepartmentsAndJobs();
  }

  @AfterAll
  static void stop() {
    pipeline.close();
  }

  @Test
  void aLoadSurvivesTheBrokerRestartedMidwayWithNoRowLostOrDuplicated() throws Exception {
    BrokerOutage.assertLoadSurvives(pipeline, GeneratedHires.write(150_000),
        () -> pipeline.stack.restartBroker(Duration.ofSeconds(5)));
  }
}
