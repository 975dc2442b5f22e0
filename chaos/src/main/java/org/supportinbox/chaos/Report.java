package org.supportinbox.chaos;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supportinbox.testing.JsonWire;

/** What a run found: the fault timeline, the ledger's counts with their expected values, notes. */
final class Report {

  /**
   * One count of the ledger; {@code expected} null means "for information", never wrong; {@code
   * atLeast}: {@code expected} is a floor (a fault that must have caught something).
   */
  record Count(String name, long actual, Long expected, boolean atLeast) {
    boolean ok() {
      return expected == null || (atLeast ? actual >= expected : expected == actual);
    }

    String expectedText() {
      return expected == null ? "-" : (atLeast ? ">= " : "") + expected;
    }
  }

  final Map<String, String> run = new LinkedHashMap<>();
  final List<Faults.Event> timeline = new ArrayList<>();
  final List<Count> counts = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  void check(String name, long actual, long expected) {
    counts.add(new Count(name, actual, expected, false));
  }

  /** A count that must be at least {@code floor}. */
  void checkAtLeast(String name, long actual, long floor) {
    counts.add(new Count(name, actual, floor, true));
  }

  void info(String name, long actual) {
    counts.add(new Count(name, actual, null, false));
  }

  void note(String line) {
    notes.add(line);
  }

  /** The faults of every thread by start. */
  List<Faults.Event> sortedTimeline() {
    List<Faults.Event> sorted = new ArrayList<>(timeline);
    sorted.sort(java.util.Comparator.comparingLong(Faults.Event::startMs));
    return sorted;
  }

  boolean passed() {
    return counts.stream().allMatch(Count::ok);
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append("\nFault timeline (ms since the load started)\n");
    for (Faults.Event e : sortedTimeline()) {
      out.append(
          String.format("  %7d .. %7d  %-40s %s%n", e.startMs(), e.endMs(), e.fault(), e.detail()));
    }
    out.append("\nLedger\n");
    out.append(String.format("  %-72s %10s %10s  %s%n", "count", "actual", "expected", ""));
    for (Count c : counts) {
      out.append(
          String.format(
              "  %-72s %10d %10s  %s%n",
              c.name(),
              c.actual(),
              c.expectedText(),
              c.expected() == null ? "" : c.ok() ? "ok" : "WRONG"));
    }
    if (!notes.isEmpty()) {
      out.append("\nNotes\n");
      notes.forEach(n -> out.append("  ").append(n).append('\n'));
    }
    out.append("\n").append(passed() ? "PASSED" : "FAILED").append('\n');
    return out.toString();
  }

  String json() {
    JsonObjectBuilder root = Json.createObjectBuilder();
    JsonObjectBuilder r = Json.createObjectBuilder();
    run.forEach(r::add);
    root.add("run", r);
    JsonArrayBuilder t = Json.createArrayBuilder();
    for (Faults.Event e : sortedTimeline()) {
      t.add(
          Json.createObjectBuilder()
              .add("start_ms", e.startMs())
              .add("end_ms", e.endMs())
              .add("fault", e.fault())
              .add("detail", e.detail()));
    }
    root.add("timeline", t);
    JsonArrayBuilder c = Json.createArrayBuilder();
    for (Count count : counts) {
      JsonObjectBuilder o =
          Json.createObjectBuilder().add("name", count.name()).add("actual", count.actual());
      if (count.expected() == null) {
        o.addNull("expected");
      } else {
        o.add("expected", count.expected());
      }
      if (count.atLeast()) {
        o.add("at_least", true);
      }
      c.add(o.add("ok", count.ok()));
    }
    root.add("counts", c);
    JsonArrayBuilder n = Json.createArrayBuilder();
    notes.forEach(n::add);
    root.add("notes", n);
    root.add("passed", passed());
    return JsonWire.pretty(root.build());
  }

  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("chaos-report.json");
    Files.writeString(file, json());
    return file;
  }
}
