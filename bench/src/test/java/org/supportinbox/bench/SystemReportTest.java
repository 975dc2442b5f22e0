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
