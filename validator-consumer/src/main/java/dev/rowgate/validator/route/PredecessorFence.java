package dev.rowgate.validator.route;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FenceProducersOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Fences the transactional ids of this instance before its listeners start. An earlier run of
 * the instance that was killed in the middle of a transaction left it open, with the offsets of
 * its poll pending, and a consumer of those partitions cannot learn where to start until that
 * transaction ends: by its timeout (transaction.timeout.ms, plus the broker's check interval) or
 * when a producer with its transactional id starts. This instance's producers start only once
 * records arrive, so the fence ends it first: the instance's ids, and any other id of the instance
 * that the broker lists with an open transaction (a run with more consumer threads). When Kafka
 * cannot be reached yet the listeners start anyway; such a transaction then ends by its timeout.
 */
final class PredecessorFence implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PredecessorFence.class);
  private static final int TIMEOUT_MS = 10_000;

  private final Map<String, Object> adminConfig;
  private final TransactionalIds ids;
  private volatile boolean running;

  PredecessorFence(Map<String, Object> adminConfig, TransactionalIds ids) {
    this.adminConfig = adminConfig;
    this.ids = ids;
  }

  @Override
  public void start() {
    running = true;
    if (!ids.stable()) {
      return;
    }
    Set<String> fenced = new TreeSet<>(ids.all());
    try (Admin admin = Admin.create(adminConfig)) {
      fenced.addAll(openTransactionsOfThisInstance(admin));
      admin.fenceProducers(fenced, new FenceProducersOptions().timeoutMs(TIMEOUT_MS)).all()
          .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      log.info("fenced the transactional ids {}: any transaction that an earlier run left open is aborted", fenced);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("cannot fence the transactional ids {} ({}): a transaction that an earlier run left open ends by "
          + "its timeout, and its partitions wait until then", fenced,
          e instanceof ExecutionException ? e.getCause().toString() : e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Open transactions of this instance's ids, also those of a run with more consumer threads. */
  private List<String> openTransactionsOfThisInstance(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    ListTransactionsOptions open = new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING))
        .timeoutMs(TIMEOUT_MS);
    return admin.listTransactions(open).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
        .map(TransactionListing::transactionalId).filter(ids::owns).toList();
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Just before the listener containers. */
  @Override
  public int getPhase() {
    return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
  }
}
