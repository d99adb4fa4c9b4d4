package dev.rowgate.service.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.rowgate.service.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose query names a parameter its endpoint does not take, or names one more
 * than once, before the endpoint runs: a misspelt {@code ?backup=} must not restore the latest
 * backup as if no backup were named, nor a misspelt {@code ?wiat=} answer at once. No endpoint
 * takes path (matrix) parameters, which the web layer would otherwise drop unseen: a
 * {@code /reports/hires-by-quarter;year=2020} is refused too.
 */
public class QueryParameterCheck implements HandlerInterceptor {

  private final Map<Method, Optional<Set<String>>> taken = new ConcurrentHashMap<>();

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod endpoint) {
      checkNoPathParameter(request.getRequestURI());
      taken.computeIfAbsent(endpoint.getMethod(), method -> takenBy(endpoint))
          .ifPresent(names -> check(queryNames(request.getQueryString()), names));
    }
    return true;
  }

  static void check(List<String> given, Set<String> taken) {
    Set<String> seen = new HashSet<>();
    for (String name : given) {
      if (!taken.contains(name)) {
        throw ApiException.badRequest("unknown-parameter", "Unknown parameter", "'" + name
            + "' is not a parameter of this endpoint; it takes " + (taken.isEmpty() ? "none" : String.join(", ", taken)));
      }
      if (!seen.add(name)) {
        throw ApiException.badRequest("repeated-parameter", "Repeated parameter", "'" + name + "' is given more than once");
      }
    }
  }

  /** Refuses a raw request path with a path parameter (a {@code ;} in a segment). */
  static void checkNoPathParameter(String path) {
    int semicolon = path.indexOf(';');
    if (semicolon >= 0) {
      int end = path.indexOf('/', semicolon);
      String parameter = path.substring(semicolon, end < 0 ? path.length() : end);
      throw ApiException.badRequest("unknown-parameter", "Unknown parameter", "'" + parameter
          + "' is a path parameter, which no endpoint takes; parameters go in the query");
    }
  }

  /** The names in a raw query string, decoded, in their order; a name without a value counts. */
  static List<String> queryNames(String query) {
    List<String> names = new ArrayList<>();
    if (query == null) {
      return names;
    }
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int equals = pair.indexOf('=');
        String raw = equals < 0 ? pair : pair.substring(0, equals);
        try {
          names.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("malformed-query", "Malformed query", "'" + raw + "' is not URL-encoded: "
              + e.getMessage());
        }
      }
    }
    return names;
  }

  /**
   * The query parameters an endpoint binds, sorted; empty if it takes them all (a map of them). A
   * record bound as a model attribute takes its components.
   */
  static Optional<Set<String>> takenBy(HandlerMethod endpoint) {
    Set<String> names = new TreeSet<>();
    for (MethodParameter parameter : endpoint.getMethodParameters()) {
      if (parameter.hasParameterAnnotation(ModelAttribute.class) && parameter.getParameterType().isRecord()) {
        for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
          names.add(component.getName());
        }
        continue;
      }
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param == null) {
        continue;
      }
      if (Map.class.isAssignableFrom(parameter.getParameterType())) {
        return Optional.empty();
      }
      parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
      names.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
    }
    return Optional.of(names);
  }
}
