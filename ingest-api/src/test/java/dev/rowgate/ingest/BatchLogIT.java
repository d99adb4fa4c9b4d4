package dev.rowgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rowgate.ingest.publish.BatchIngest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The log lines about a batch carry its id (the MDC's batchId, which the service's log pattern
 * prints as [batch=...]), so that one grep finds what happened to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchLogIT extends ApiOnOwnInfrastructure {

  @Value("${logging.pattern.level}")
  String levelPattern;

  @Test
  void theLineThatABatchWasPublishedCarriesItsId() {
    Logger logger = (Logger) LoggerFactory.getLogger(BatchIngest.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      String batchId = http.post("/api/v1/tables/jobs/csv", "text/csv", "1,Welder\n2,Baker\n").json().get("batchId")
          .stringValue();

      assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().contains("rows published"))
          .anySatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("batchId", batchId));
      assertThat(levelPattern).contains("[batch=%X{batchId");
    } finally {
      logger.detachAppender(lines);
    }
  }
}
