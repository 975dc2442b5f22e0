package org.supportinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrBreakdownTest {

  private static JfrBreakdown.Sample stack(String... frames) {
    return new JfrBreakdown.Sample(List.of(frames));
  }

  @Test
  void aSampleCountsForItsNearestFrameOutsideTheJdk() {
    assertEquals(
        "Hibernate ORM",
        JfrBreakdown.layerOf(
            stack(
                "java.util.HashMap.getNode",
                "java.util.HashMap.get",
                "org.hibernate.internal.SessionImpl.find",
                "org.supportinbox.messaging.Repo.find")));
    assertEquals(
        JfrBreakdown.PROJECT,
        JfrBreakdown.layerOf(
            stack("java.lang.String.hashCode", "org.supportinbox.gateway.SocketHub.flushAll")));
    assertEquals(
        "Jersey (JAX-RS routing, filters, providers)",
        JfrBreakdown.layerOf(
            stack(
                "jakarta.ws.rs.core.Response.ok", "org.glassfish.jersey.server.ServerRuntime.x")));
    assertEquals(
        JfrBreakdown.JDK_ONLY,
        JfrBreakdown.layerOf(stack("java.lang.Thread.run", "jdk.internal.X")));
    assertEquals(JfrBreakdown.OTHER, JfrBreakdown.layerOf(stack("com.example.Lib.work")));
    // The specific Payara layers come before Payara's catch-all.
    assertEquals(
        "JTA and the connection pool (Payara)",
        JfrBreakdown.layerOf(stack("com.sun.enterprise.transaction.JavaEETransactionImpl.commit")));
    assertEquals(
        "Payara, other (boot, deployment, class loading, logging)",
        JfrBreakdown.layerOf(stack("com.sun.enterprise.server.logging.ODLLogFormatter.format")));
  }

  @Test
  void excludedStacksCountNowhereAndLayersComeLargestFirst() {
    List<JfrBreakdown.Sample> samples =
        List.of(
            stack("org.glassfish.grizzly.nio.SelectorRunner.run"),
            stack("org.jboss.weld.bean.proxy.Proxy.x", "org.glassfish.grizzly.Worker.run"),
            stack("org.jboss.weld.Y.y"),
            stack("org.jboss.weld.Z.z"),
            stack("java.util.Base64.encode", "org.supportinbox.gateway.LoginResource.login"));

    JfrBreakdown.Result r = JfrBreakdown.analyse(samples, List.of("LoginResource"));

    assertEquals(4, r.samples());
    assertEquals(1, r.excluded());
    assertEquals(
        List.of(Map.entry("Weld (CDI)", 3), Map.entry("Grizzly (HTTP, NIO, worker threads)", 1)),
        List.copyOf(r.layers().entrySet()));
    String report =
        JfrBreakdown.report("x.jfr", r, List.of("LoginResource"), List.of("Worker.run"), 5);
    assertTrue(report.contains("| Weld (CDI) | 75.0 % |"), report);
    assertTrue(report.contains("| `Worker.run` | 25.0 % |"), report);
    assertTrue(report.contains("1 more left out: under LoginResource"), report);
    assertTrue(report.contains("| `org.jboss.weld.bean.proxy.Proxy.x` | 25.0 % |"), report);
    assertEquals(4, r.nearest().size());
    assertEquals(1, JfrBreakdown.within(samples, List.of("Worker.run")).size());
    assertEquals(samples, JfrBreakdown.within(samples, List.of()));
  }

  @Test
  void readsTheExecutionSamplesOfARealRecording(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("burn.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
      long x = 0;
      while (System.nanoTime() < until) {
        x += burn(x);
      }
      recording.stop();
      recording.dump(file);
      assertTrue(x != 42 || Files.exists(file)); // keeps the loop from being optimised away
    }

    List<JfrBreakdown.Sample> samples = JfrBreakdown.read(file);

    assertTrue(
        samples.stream()
            .anyMatch(s -> s.frames().stream().anyMatch(f -> f.endsWith("JfrBreakdownTest.burn"))),
        "no sample of the busy loop among " + samples.size());
    assertTrue(JfrBreakdown.analyse(samples, List.of()).layers().containsKey(JfrBreakdown.PROJECT));
  }

  private static long burn(long seed) {
    long h = seed;
    for (int i = 0; i < 10_000; i++) {
      h = h * 31 + i;
    }
    return h & 1;
  }
}
