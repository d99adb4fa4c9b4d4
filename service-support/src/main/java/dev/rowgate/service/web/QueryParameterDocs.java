package dev.rowgate.service.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Tells the OpenAPI document what {@link QueryParameterCheck} does: every endpoint that binds
 * its query parameters answers 400 to one it does not take or to one given twice.
 */
public class QueryParameterDocs implements GlobalOperationCustomizer {

  static final String REFUSAL = "a query parameter the endpoint does not take (unknown-parameter) or one given "
      + "twice (repeated-parameter)";

  @Override
  public Operation customize(Operation operation, HandlerMethod endpoint) {
    if (QueryParameterCheck.takenBy(endpoint).isEmpty()) {
      return operation;
    }
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponse badRequest = operation.getResponses().get("400");
    if (badRequest == null || badRequest.getDescription() == null) {
      operation.getResponses().addApiResponse("400", new ApiResponse().description(capitalized(REFUSAL)));
    } else if (!badRequest.getDescription().contains(REFUSAL)) {
      badRequest.setDescription(badRequest.getDescription() + "; or " + REFUSAL);
    }
    return operation;
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
