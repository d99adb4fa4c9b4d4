package dev.rowgate.ingest.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rowgate.ingest.ApiOnOwnInfrastructure;
import dev.rowgate.stack.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The console without a browser: who gets in, and that everything it loads comes from this service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePagesIT extends ApiOnOwnInfrastructure {

  private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

  @Test
  void aVisitorWithoutASessionIsSentToTheSignInAndAnActionIsRefused() {
    for (String page : List.of("/console", "/console/loads", "/console/errors", "/console/backups", "/console/tables")) {
      Http.Answer answer = http.get(page);
      assertThat(answer.status()).as(page).isEqualTo(302);
      assertThat(answer.header("Location")).as(page).endsWith("/console/login");
    }
    assertThat(http.post("/console/errors/jobs/discard").status()).isIn(302, 403);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs_errors WHERE state = 'discarded'", Long.class)).isZero();
  }

  @Test
  void everyScriptAndStyleComesFromTheServiceItself() {
    Http.Answer signIn = http.get("/console/login");

    assertThat(signIn.status()).isEqualTo(200);
    Matcher linked = LINKED.matcher(signIn.body());
    int links = 0;
    while (linked.find()) {
      links++;
      assertThat(linked.group(1)).as("a link of the sign-in page").startsWith("/console/");
      assertThat(http.get(linked.group(1)).status()).as(linked.group(1)).isEqualTo(200);
    }
    assertThat(links).isEqualTo(2);
  }
}
