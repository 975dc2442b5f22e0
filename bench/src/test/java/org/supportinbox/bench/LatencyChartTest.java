package org.supportinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyChartTest {

  @TempDir Path dir;

  @Test
  void writesAPngOfEverySeriesIncludingAnEmptyOne() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Timeline t = new Timeline(0);
    t.declare("never recorded");
    for (int s = 0; s < 60; s++) {
      for (int i = 0; i < 50; i++) {
        t.record("send → 201", s * 1_000_000_000L + i, (s < 30 ? 2_000 : 400_000) + i * 100L);
      }
    }
    Path png = dir.resolve("latency.png");

    LatencyChart.write("test", t.points(), 30, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(LatencyChart.WIDTH, image.getWidth());
    assertEquals(LatencyChart.HEIGHT, image.getHeight());
  }
}
