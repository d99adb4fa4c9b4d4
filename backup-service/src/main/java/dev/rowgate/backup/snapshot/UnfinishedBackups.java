package dev.rowgate.backup.snapshot;

import dev.rowgate.backup.catalog.TableCatalog;
import dev.rowgate.backup.operation.Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * At start, deletes what backups that did not finish left behind (the process was killed while it
 * wrote one): for each table on which no operation runs on any instance, so that a backup another
 * instance is writing keeps its file. A table busy now is cleaned by its next backup.
 */
@Component
class UnfinishedBackups {

  private static final Logger log = LoggerFactory.getLogger(UnfinishedBackups.class);

  private final BackupFiles files;
  private final TableCatalog catalog;
  private final Operations operations;

  UnfinishedBackups(BackupFiles files, TableCatalog catalog, Operations operations) {
    this.files = files;
    this.catalog = catalog;
    this.operations = operations;
  }

  @EventListener(ApplicationReadyEvent.class)
  void deleteLeftovers() {
    try {
      for (String table : catalog.names()) {
        if (files.hasDirectory(table) && !operations.whileIdle(table, () -> files.deleteUnfinished(table))) {
          log.info("{} is busy: its next backup deletes what an unfinished one left", table);
        }
      }
    } catch (DataAccessException e) {
      log.warn("cannot read the tables yet; each table's next backup deletes what an unfinished one left: {}",
          e.getMostSpecificCause().getMessage());
    }
  }
}
