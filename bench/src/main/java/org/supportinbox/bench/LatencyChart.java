package org.supportinbox.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG chart of a {@link Timeline}: p50 and p99 of each series per second, on a logarithmic
 * latency axis (a run that falls behind goes from milliseconds to seconds).
 */
final class LatencyChart {

  static final int WIDTH = 1200;
  static final int HEIGHT = 600;

  /** Line colours, in the order of the series; p99 solid, p50 dashed in the same colour. */
  private static final List<Color> COLOURS =
      List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd));

  private LatencyChart() {}

  /** Writes the chart of {@code points} ({@link Timeline#points()}) to {@code png}. */
  static void write(
      String title, Map<String, List<Timeline.Point>> points, long measuredFromSecond, Path png)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, List<Timeline.Point>> e : points.entrySet()) {
      XYSeries p99 = new XYSeries(e.getKey() + " p99", false, true);
      XYSeries p50 = new XYSeries(e.getKey() + " p50", false, true);
      for (Timeline.Point p : e.getValue()) {
        // A log axis cannot show 0: anything under a microsecond is drawn at one.
        p99.add(p.second(), Math.max(0.001, p.p99Millis()));
        p50.add(p.second(), Math.max(0.001, p.p50Millis()));
      }
      data.addSeries(p99);
      data.addSeries(p50);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "seconds since the phase began",
            "latency (ms)",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    LogAxis latency = new LogAxis("latency (ms, log scale)");
    latency.setSmallestValue(0.1);
    // One tick a power of ten, written as a plain number (1, 10, 100, 1,000 ...).
    latency.setTickUnit(new NumberTickUnit(1));
    latency.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
    plot.setRangeAxis(latency);
    if (measuredFromSecond > 0) {
      ValueMarker measured = new ValueMarker(measuredFromSecond);
      measured.setPaint(Color.DARK_GRAY);
      measured.setLabel("measured from here");
      measured.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      measured.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(measured);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color colour = COLOURS.get((i / 2) % COLOURS.size());
      renderer.setSeriesPaint(i, colour);
      renderer.setSeriesStroke(
          i,
          i % 2 == 0
              ? new BasicStroke(2f)
              : new BasicStroke(
                  1.5f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_MITER,
                  10f,
                  new float[] {6f, 4f},
                  0f));
    }
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }
}
