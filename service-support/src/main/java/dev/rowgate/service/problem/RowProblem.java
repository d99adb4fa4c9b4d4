package dev.rowgate.service.problem;

/** What is wrong with one row of a request that was refused as a whole. */
public record RowProblem(int index, String message) {
}
