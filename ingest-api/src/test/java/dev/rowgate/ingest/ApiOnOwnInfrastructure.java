package dev.rowgate.ingest;

import dev.rowgate.stack.test.Http;
import dev.rowgate.stack.test.OwnInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test of the ingest API on a random port, on a broker and a database of its own: a client of
 * the API and the API's database. The test class names its {@code @SpringBootTest} properties.
 */
@OwnInfrastructure
public abstract class ApiOnOwnInfrastructure {

  @Value("${local.server.port}")
  protected int port;

  @Autowired
  protected JdbcTemplate jdbc;

  protected Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }
}
