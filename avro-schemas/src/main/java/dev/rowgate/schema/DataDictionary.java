package dev.rowgate.schema;

import static dev.rowgate.schema.Column.integer;
import static dev.rowgate.schema.Column.text;
import static dev.rowgate.schema.Column.timestamp;

import java.util.List;
import java.util.Optional;

import dev.rowgate.avro.Department;
import dev.rowgate.avro.HiredEmployee;
import dev.rowgate.avro.Job;

/**
 * The tables rowgate knows, their columns and rules. A table name from a request reaches SQL or
 * a topic name only after it was found here.
 */
public final class DataDictionary {

  public static final Table DEPARTMENTS = new Table("departments",
      List.of(integer("id"), text("department", 255)), Department.getClassSchema());

  public static final Table JOBS = new Table("jobs",
      List.of(integer("id"), text("job", 255)), Job.getClassSchema());

  public static final Table HIRED_EMPLOYEES = new Table("hired_employees",
      List.of(integer("id"), text("name", 255), timestamp("datetime"),
          integer("department_id").referencing("departments"), integer("job_id").referencing("jobs")),
      HiredEmployee.getClassSchema());

  /** Every table, each after the tables it references. */
  public static final List<Table> TABLES = List.of(DEPARTMENTS, JOBS, HIRED_EMPLOYEES);

  private DataDictionary() {
  }

  public static Optional<Table> table(String name) {
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The table of a rowgate topic, e.g. {@code rowgate.jobs.raw}. */
  public static Optional<Table> tableOfTopic(String topic) {
    try {
      return table(Topics.tableOf(topic));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
