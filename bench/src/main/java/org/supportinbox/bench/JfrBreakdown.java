package org.supportinbox.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples go, by layer of the stack ({@code ./inbox bench profile}).
 *
 * <p>Each {@code jdk.ExecutionSample} is given to the layer of its nearest frame that is not the
 * JDK's, going from the executing frame towards the thread's root: a {@code HashMap.getNode} called
 * by Hibernate counts as Hibernate, a stack of JDK frames only as "JDK only". Layers are known
 * package prefixes ({@link #LAYERS}, the first that matches wins, so the specific ones come before
 * Payara's catch-all). Besides the layers the report lists the frames that counted the most samples
 * (each sample's nearest frame outside the JDK), the executing methods with the most samples and,
 * for each {@code --frames} name, the share of samples with such a frame anywhere on the stack (a
 * frame's inclusive share). Samples with an {@code --exclude} frame on the stack (e.g. the
 * benchmark's logins) are left out of every figure; with {@code --within}, only the samples with
 * such a frame on the stack count (e.g. one kind of request).
 */
final class JfrBreakdown {

  /** Package prefixes by layer, in the order they are tried. */
  static final Map<String, List<String>> LAYERS = layers();

  static final String PROJECT = "the project's own code";
  static final String JDK_ONLY = "JDK only";
  static final String OTHER = "other libraries";

  private static Map<String, List<String>> layers() {
    Map<String, List<String>> l = new LinkedHashMap<>();
    layer(l, PROJECT, "org.supportinbox.");
    layer(l, "Grizzly (HTTP, NIO, worker threads)", "org.glassfish.grizzly.");
    layer(l, "Jersey (JAX-RS routing, filters, providers)", "org.glassfish.jersey.");
    layer(l, "HK2 (Jersey's injection)", "org.glassfish.hk2.", "org.jvnet.hk2.");
    layer(l, "Weld (CDI)", "org.jboss.weld.");
    layer(
        l,
        "servlet container (Catalina, Payara's web container)",
        "org.apache.catalina.",
        "org.apache.tomcat.",
        "com.sun.enterprise.web.");
    layer(l, "Hibernate ORM", "org.hibernate.");
    layer(
        l,
        "JTA and the connection pool (Payara)",
        "com.sun.enterprise.transaction.",
        "com.sun.jts.",
        "com.sun.enterprise.resource.",
        "com.sun.gjc.",
        "com.sun.enterprise.connectors.");
    layer(l, "PostgreSQL JDBC driver", "org.postgresql.");
    layer(
        l,
        "JSON (Yasson, Parsson)",
        "org.eclipse.yasson.",
        "org.eclipse.parsson.",
        "org.glassfish.json.");
    layer(l, "Tyrus (WebSocket)", "org.glassfish.tyrus.");
    layer(
        l,
        "MicroProfile, OpenTelemetry, SmallRye",
        "io.opentelemetry.",
        "fish.payara.microprofile.",
        "io.smallrye.");
    layer(l, "Flyway", "org.flywaydb.");
    layer(l, "ASM (class-file scanning at deployment)", "org.objectweb.asm.");
    layer(l, "ANTLR (Hibernate's query parser)", "org.antlr.");
    layer(l, "RabbitMQ client", "com.rabbitmq.");
    layer(
        l,
        "Payara, other (boot, deployment, class loading, logging)",
        "fish.payara.",
        "com.sun.enterprise.",
        "org.glassfish.",
        "com.sun.",
        "org.jvnet.");
    return l;
  }

  private static void layer(Map<String, List<String>> layers, String name, String... prefixes) {
    layers.put(name, List.of(prefixes));
  }

  private static final List<String> JDK =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.crypto.", "com.sun.proxy.", "jakarta.");

  /** One sample's stack, executing frame first, as {@code class.method} names. */
  record Sample(List<String> frames) {}

  record Result(
      List<Sample> kept,
      int excluded,
      Map<String, Integer> layers,
      Map<String, Integer> top,
      Map<String, Integer> nearest) {

    /** How many samples count. */
    int samples() {
      return kept.size();
    }
  }

  private JfrBreakdown() {}

  public static void main(String[] args) throws IOException {
    Options o = Options.parse(args);
    List<String> exclude = list(o.get("exclude", ""));
    List<String> within = list(o.get("within", ""));
    List<String> frames = list(o.get("frames", ""));
    int top = o.integer("top", 15);
    for (String file : list(o.required("jfr"))) {
      List<Sample> samples = within(read(Path.of(file)), within);
      System.out.print(report(file, analyse(samples, exclude), exclude, frames, top));
    }
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static List<Sample> read(Path jfr) throws IOException {
    List<Sample> out = new ArrayList<>();
    for (var event : RecordingFile.readAllEvents(jfr)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace st = event.getStackTrace();
      if (st == null) {
        continue;
      }
      List<String> names = new ArrayList<>(st.getFrames().size());
      for (RecordedFrame f : st.getFrames()) {
        names.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
      }
      out.add(new Sample(names));
    }
    return out;
  }

  /** The frame a sample counts for: its nearest frame outside the JDK's packages, or null. */
  static String nearestOutsideJdk(Sample s) {
    return s.frames().stream()
        .filter(frame -> JDK.stream().noneMatch(frame::startsWith))
        .findFirst()
        .orElse(null);
  }

  /** The layer a sample counts for: that of {@link #nearestOutsideJdk}. */
  static String layerOf(Sample s) {
    String frame = nearestOutsideJdk(s);
    if (frame == null) {
      return JDK_ONLY;
    }
    for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
      if (layer.getValue().stream().anyMatch(frame::startsWith)) {
        return layer.getKey();
      }
    }
    return OTHER;
  }

  /** The samples with one of {@code frames} on the stack; all of them when there is none. */
  static List<Sample> within(List<Sample> samples, List<String> frames) {
    return frames.isEmpty()
        ? samples
        : samples.stream().filter(s -> frames.stream().anyMatch(f -> onStack(s, f))).toList();
  }

  static boolean onStack(Sample s, String frame) {
    return s.frames().stream().anyMatch(f -> f.contains(frame));
  }

  static Result analyse(List<Sample> all, List<String> exclude) {
    List<Sample> kept =
        all.stream().filter(s -> exclude.stream().noneMatch(e -> onStack(s, e))).toList();
    Map<String, Integer> layers = count(kept, JfrBreakdown::layerOf);
    Map<String, Integer> top = count(kept, s -> s.frames().isEmpty() ? "?" : s.frames().get(0));
    Map<String, Integer> nearest =
        count(kept, s -> Objects.requireNonNullElse(nearestOutsideJdk(s), JDK_ONLY));
    return new Result(kept, all.size() - kept.size(), layers, top, nearest);
  }

  private static Map<String, Integer> count(List<Sample> samples, Function<Sample, String> key) {
    Map<String, Integer> counts =
        samples.stream().collect(Collectors.toMap(key, s -> 1, Integer::sum, TreeMap::new));
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  static String report(String file, Result r, List<String> exclude, List<String> frames, int top) {
    StringBuilder b = new StringBuilder();
    b.append("#### Profile of ")
        .append(Path.of(file).getFileName())
        .append(": ")
        .append(r.samples())
        .append(" execution samples");
    if (!exclude.isEmpty()) {
      b.append(" (")
          .append(r.excluded())
          .append(" more left out: under ")
          .append(String.join(", ", exclude))
          .append(")");
    }
    b.append("\n\n").append(Markdown.row("layer (nearest frame outside the JDK)", "share"));
    b.append(Markdown.row("---", "---:"));
    r.layers().forEach((layer, n) -> b.append(Markdown.row(layer, share(n, r.samples()))));
    if (!frames.isEmpty()) {
      b.append("\n").append(Markdown.row("frame on the stack (inclusive)", "share"));
      b.append(Markdown.row("---", "---:"));
      for (String f : frames) {
        long n = r.kept().stream().filter(s -> onStack(s, f)).count();
        b.append(Markdown.row("`" + f + "`", share(n, r.samples())));
      }
    }
    table(b, "nearest frame outside the JDK (what the layers count)", r.nearest(), r, top);
    table(b, "executing method (self)", r.top(), r, top);
    return b.append("\n").toString();
  }

  private static void table(
      StringBuilder b, String heading, Map<String, Integer> counts, Result r, int top) {
    if (top <= 0) {
      return;
    }
    b.append("\n").append(Markdown.row(heading, "share"));
    b.append(Markdown.row("---", "---:"));
    counts.entrySet().stream()
        .limit(top)
        .forEach(
            e -> b.append(Markdown.row("`" + e.getKey() + "`", share(e.getValue(), r.samples()))));
  }

  private static String share(long n, int of) {
    return of == 0
        ? Markdown.NONE
        : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * n / of);
  }
}
