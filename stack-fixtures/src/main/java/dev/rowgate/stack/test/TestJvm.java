package dev.rowgate.stack.test;

import java.util.ArrayList;
import java.util.List;

/**
 * How the tests start a service's JVM: with the client compiler only, which starts a Spring Boot
 * service on two cores in about half the CPU time and runs it at a lower peak speed, which the
 * small loads of the tests do not need. The local stack and the benchmark leave it out.
 */
public final class TestJvm {

  public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

  private TestJvm() {
  }

  /** The options of a service's JVM in a test, with this largest heap ({@code -Xmx}). */
  public static List<String> options(String heap) {
    List<String> options = new ArrayList<>(QUICK_START);
    options.add("-Xmx" + heap);
    return options;
  }
}
