package dev.rowgate.validator;

import dev.rowgate.stack.KafkaBroker;
import dev.rowgate.stack.test.OwnInfrastructure;
import dev.rowgate.stack.test.ServiceInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the validator on a broker and a database of the class's own, the database migrated
 * and the definitions of {@code rowgate.definitions.directory} applied when the context starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@OwnInfrastructure
abstract class ValidatorOnOwnInfrastructure {

  @Autowired
  ServiceInfrastructure infrastructure;

  KafkaBroker broker() {
    return infrastructure.broker();
  }
}
