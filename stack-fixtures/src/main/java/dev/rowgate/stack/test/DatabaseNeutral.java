package dev.rowgate.stack.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class whose outcome does not depend on the PostgreSQL server that the suite is given
 * ({@code ROWGATE_TEST_DB_URL}): it uses no database or starts its own, or what it proves
 * (surviving Kafka's failures, scaling out, streaming in constant memory) does not change with the
 * server, whose SQL the other tests run. A run against another server may leave it out with
 * {@code -DexcludedGroups=database-neutral}, as CI's second run does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("database-neutral")
public @interface DatabaseNeutral {
}
