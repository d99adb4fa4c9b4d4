package dev.rowgate.service.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.rowgate.service.problem.ProblemAdvice;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A slice of Spring MVC for the problem answers of controllers: the controllers named, rowgate's
 * problem answers, and no security filters (credentials are the security tests' business). The
 * controllers' collaborators are the test's {@code @MockitoBean}s.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@AutoConfigureMockMvc(addFilters = false)
@Import(ProblemAdvice.class)
@MockitoBean(types = RoleHierarchy.class)
public @interface ControllerSlice {

  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value();
}
