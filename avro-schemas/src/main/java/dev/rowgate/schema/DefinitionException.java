package dev.rowgate.schema;

import java.util.List;
import java.util.stream.Collectors;

/** Definitions that cannot be used, with every problem found, each with its file and line. */
public final class DefinitionException extends RuntimeException {

  private final transient List<Problem> problems;

  public DefinitionException(List<Problem> problems) {
    super(problems.size() == 1 ? problems.get(0).toString() : problems.size() + " problems:\n"
        + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /**
   * What is wrong, and where.
   *
   * @param file the file's name, or the directory's path for a problem of the directory
   * @param line the line in the file, from 1; 0 when the problem is of no line
   */
  public record Problem(String file, int line, String message) {

    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
  }
}
