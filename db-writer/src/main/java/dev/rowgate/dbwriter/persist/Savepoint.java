package dev.rowgate.dbwriter.persist;

import java.util.Optional;

import dev.rowgate.service.sql.SqlStates;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work inside the poll's transaction that the database may refuse for a reason in the data: run
 * in a savepoint, so that a refusal changes nothing and the transaction goes on. Any other failure
 * (the database unreachable, say) fails the poll, which is retried.
 */
@Component
final class Savepoint {

  private final TransactionTemplate nested;

  Savepoint(PlatformTransactionManager transactions) {
    this.nested = new TransactionTemplate(transactions);
    this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Runs the work; the database's message when it refused it for a data reason, which undid it. */
  Optional<String> refusal(Runnable work) {
    try {
      nested.executeWithoutResult(status -> work.run());
      return Optional.empty();
    } catch (DataAccessException e) {
      if (!SqlStates.isDataError(e)) {
        throw e;
      }
      return Optional.of(e.getMostSpecificCause().getMessage());
    }
  }


}
