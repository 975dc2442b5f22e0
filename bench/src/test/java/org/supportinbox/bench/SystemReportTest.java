package org.supportinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemReportTest {

  @Test
  void theStackCountsEachProcessAtItsPeakButTheSharedBrokerAsItIsNow() {
    SystemReport.Memory memory =
        new SystemReport.Memory(
            "after the AI overhead phase",
            List.of(
                new Footprint.Entry("messaging", 100, 200, true),
                new Footprint.Entry(Footprint.POSTGRES, 50, -1, true),
                new Footprint.Entry(Footprint.RABBITMQ, 300, 1000, true),
                new Footprint.Entry("load generator", 400, 500, false)));
    assertEquals(200 + 50 + 300, memory.productPeakKib());
  }

  /** Figures that meet every target, changed one at a time below. */
  private static SystemReport.Figures figures(
      double ingest, double deliveredP99, long undelivered, double aiP99, double stackMib) {
    return new SystemReport.Figures(
        200,
        200,
        ingest,
        10,
        40,
        200,
        5,
        30,
        20,
        deliveredP99,
        6000,
        undelivered,
        12,
        aiP99,
        300,
        0,
        Map.of(1, 2.0, 2, 3.9, 4, 7.4),
        stackMib,
        2400,
        6000);
  }

  private static Map<String, Boolean> verdicts(SystemReport.Figures f) {
    Map<String, Boolean> m = new java.util.LinkedHashMap<>();
    f.targets().forEach(t -> m.put(t.target(), t.met()));
    return m;
  }

  @Test
  void everyTargetMetWhenEveryFigureIsWithinIt() {
    SystemReport.Figures f = figures(1_000, 100, 0, 100, 1_900);
    assertEquals(6, f.targets().size());
    assertTrue(f.targets().stream().allMatch(SystemReport.Target::met), f.targets().toString());
    assertEquals(3.7, f.scale(4), 1e-9);
    assertEquals(1_000 / 2400.0, f.ingestToPgbench(), 1e-9);
  }

  @Test
  void eachMissIsItsOwnTarget() {
    List<Boolean> ingest = List.copyOf(verdicts(figures(999, 100, 0, 100, 1_900)).values());
    assertEquals(List.of(false, true, true, true, true, true), ingest);
    // 790 msg/s is under a third of 2,400 pgbench transactions.
    assertFalse(figures(790, 100, 0, 100, 1_900).targets().get(1).met());
    assertFalse(figures(1_000, 100.1, 0, 100, 1_900).targets().get(2).met());
    // An undelivered message misses the target whatever the p99 of the delivered ones.
    assertFalse(figures(1_000, 50, 1, 100, 1_900).targets().get(2).met());
    assertFalse(figures(1_000, 100, 0, 100.5, 1_900).targets().get(3).met());
    // 2 GB is 2,000,000,000 bytes: 1,907.3 MiB is within it, 1,908 MiB is not.
    assertTrue(figures(1_000, 100, 0, 100, 1_907.3).targets().get(5).met());
    assertFalse(figures(1_000, 100, 0, 100, 1_908).targets().get(5).met());
  }

  @Test
  void deliveriesAtLessThanTheTargetLoadDoNotMeetIt() {
    SystemReport.Figures f =
        new SystemReport.Figures(
            50, 200, 1_000, 1, 1, 200, 1, 1, 1, 1, 10, 0, 1, 1, 10, 0, Map.of(1, 1.0), 1, 1, 1);
    assertFalse(f.targets().get(2).met());
    assertTrue(f.targets().get(2).measured().contains("not the target's load"));
    // Without a run of 4 replicas the scale-out target is not met, not an error.
    assertFalse(f.targets().get(4).met());
    assertTrue(Double.isNaN(f.scale(4)));
  }

  @Test
  void jsonHasSnakeCaseFiguresNullForWhatWasNotMeasuredAndEveryTarget() {
    SystemReport.Figures f = figures(330, Double.NaN, 6000, 80, 1_500);
    JsonObject o =
        Json.createReader(new StringReader(SystemReport.write(SystemReport.figuresJson(f))))
            .readObject();

    assertEquals(330, o.getJsonNumber("ingest_per_second").doubleValue(), 1e-9);
    assertTrue(o.isNull("delivered_to_all_p99_ms"));
    assertEquals(6000, o.getJsonNumber("undelivered_messages").longValue());
    assertEquals(330 / 2400.0, o.getJsonNumber("ingest_to_pgbench").doubleValue(), 1e-9);
    assertEquals(330 / 6000.0, o.getJsonNumber("ingest_to_rabbitmq").doubleValue(), 1e-9);
    assertEquals(
        3.7,
        o.getJsonObject("replicas")
            .getJsonObject("4")
            .getJsonNumber("times_one_replica")
            .doubleValue(),
        1e-9);
    assertEquals(6, o.getJsonArray("targets").size());
    assertFalse(o.getJsonArray("targets").getJsonObject(0).getBoolean("met"));
    assertTrue(o.getJsonArray("targets").getJsonObject(3).getBoolean("met"));
  }

  /** 10 s, 1,000 messages, 20,000 frames; messaging's database counted on a private server. */
  private static SystemReport.Cost cost(PostgresCost.Window pg) {
    Map<String, Double> cores = new java.util.LinkedHashMap<>();
    cores.put(FanoutBenchmark.GATEWAY, 0.5);
    cores.put(FanoutBenchmark.MESSAGING, 0.3);
    cores.put(ProcessProbe.POSTGRES, 0.1);
    cores.put(ProcessProbe.LOAD_GENERATOR, 0.4);
    return new SystemReport.Cost(
        "closed loop", 1_000, new ProcessProbe.Cpu(1.5, cores, 10), pg, 20_000);
  }

  private static PostgresCost.Window window(boolean statements) {
    return new PostgresCost.Window(
        Map.of(
            FanoutBenchmark.MESSAGING, new PostgresCost.Counts(9_000, 1_000, 8_000, 1_500),
            FanoutBenchmark.GATEWAY, new PostgresCost.Counts(2_000, 2_000, 2_000, 100)),
        List.of(new PostgresCost.Statement("insert into messages ...", 1_000, 50)),
        statements,
        true);
  }

  @Test
  void costPerMessageIsCpuTimeOverTheWindowOverItsMessages() {
    SystemReport.Cost c = cost(window(true));
    assertEquals(5.0, c.cpuMillis(FanoutBenchmark.GATEWAY), 1e-9);
    assertEquals(3.0, c.cpuMillis(FanoutBenchmark.MESSAGING), 1e-9);
    assertEquals(15.0, c.cpuMillis(null), 1e-9);
    // Not the load generator.
    assertEquals(9.0, c.productMillis(), 1e-9);
    assertEquals(250.0, c.gatewayMicrosPerFrame(), 1e-9);
    assertEquals(9.0, c.statements(FanoutBenchmark.MESSAGING), 1e-9);
    assertEquals(1.0, c.transactions(FanoutBenchmark.MESSAGING), 1e-9);
    assertEquals(8.0, c.roundTrips(FanoutBenchmark.MESSAGING), 1e-9);
    assertEquals(2.0, c.roundTrips(FanoutBenchmark.GATEWAY), 1e-9);
    assertEquals(1.5, c.execMillis(FanoutBenchmark.MESSAGING), 1e-9);
  }

  @Test
  void statementsAreNotMeasuredWithoutPgStatStatementsNorAnythingOfPostgresWithoutAWindow() {
    SystemReport.Cost shared = cost(window(false));
    assertTrue(Double.isNaN(shared.statements(FanoutBenchmark.MESSAGING)));
    assertTrue(Double.isNaN(shared.execMillis(FanoutBenchmark.MESSAGING)));
    assertEquals(1.0, shared.transactions(FanoutBenchmark.MESSAGING), 1e-9);
    SystemReport.Cost ai = cost(null);
    assertTrue(Double.isNaN(ai.transactions(FanoutBenchmark.MESSAGING)));
    assertEquals(5.0, ai.cpuMillis(FanoutBenchmark.GATEWAY), 1e-9);
  }

  @Test
  void costJsonHasPerMessageFiguresAndTheTopStatements() {
    JsonObject o =
        Json.createReader(
                new StringReader(
                    SystemReport.write(
                        Json.createObjectBuilder()
                            .add("c", SystemReport.costJson(List.of(cost(window(true))))))))
            .readObject()
            .getJsonArray("c")
            .getJsonObject(0);
    assertEquals(1_000, o.getInt("messages"));
    assertEquals(5.0, o.getJsonObject("cpu_ms_per_message").getJsonNumber("gateway").doubleValue());
    assertEquals(
        9.0,
        o.getJsonObject("postgres")
            .getJsonObject("messaging")
            .getJsonNumber("statements_per_message")
            .doubleValue());
    assertEquals(250.0, o.getJsonNumber("gateway_us_per_frame").doubleValue());
    assertEquals(
        1.0,
        o.getJsonArray("messaging_top_statements")
            .getJsonObject(0)
            .getJsonNumber("calls_per_message")
            .doubleValue());
  }

  @Test
  void framesDeliveredCountEachBatchedFrameNotTheBatch() {
    OperatorSockets.Seen seen =
        new OperatorSockets.Seen(
            2,
            0,
            List.of(),
            Map.of("message.created", 40L, "hello", 2L, OperatorSockets.BATCH_MESSAGES, 10L));
    assertEquals(42, seen.events());
  }

  @Test
  void timelineJsonListsEachSeriesPerSecond() {
    Timeline t = new Timeline(0);
    t.record("send → 201", 1_500_000_000L, 4_000);
    JsonObject o =
        Json.createReader(
                new StringReader(SystemReport.write(SystemReport.timelineJson(t.points()))))
            .readObject();
    JsonObject p = o.getJsonArray("send → 201").getJsonObject(0);
    assertEquals(1, p.getInt("second"));
    assertEquals(1, p.getInt("count"));
    assertEquals(4.0, p.getJsonNumber("p50_ms").doubleValue(), 0.05);
  }
}
