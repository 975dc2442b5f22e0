package org.supportinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void groupsValuesBySecondSinceTheStartAndDropsThoseBefore() {
    Timeline t = new Timeline(10 * SECOND);
    t.declare("empty");
    t.record("a", 9 * SECOND, 5_000); // before the start
    for (int i = 1; i <= 100; i++) {
      t.record("a", 10 * SECOND + i, i * 1_000L); // second 0: 1..100 ms
    }
    t.record("a", 12 * SECOND + 5, 7_000); // second 2

    Map<String, List<Timeline.Point>> points = t.points();

    assertEquals(List.of("empty", "a"), List.copyOf(points.keySet()));
    assertEquals(List.of(), points.get("empty"));
    List<Timeline.Point> a = points.get("a");
    assertEquals(2, a.size());
    assertEquals(0, a.get(0).second());
    assertEquals(100, a.get(0).count());
    assertEquals(50, a.get(0).p50Millis(), 0.5);
    assertEquals(99, a.get(0).p99Millis(), 1);
    assertEquals(2, a.get(1).second());
    assertEquals(7, a.get(1).p50Millis(), 0.1);
  }
}
