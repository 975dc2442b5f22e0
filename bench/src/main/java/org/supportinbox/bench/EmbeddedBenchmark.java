package org.supportinbox.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.supportinbox.contracts.Intent;
import org.supportinbox.functions.analyze.Analyzer;
import org.supportinbox.functions.analyze.embedded.EmbeddedAnalyzer;
import org.supportinbox.functions.analyze.embedded.EmbeddedResources;
import org.supportinbox.functions.analyze.embedded.QuantizedMiniLm;

/**
 * The embedded analyzer's benchmark ({@code ./inbox bench embedded}, docs/performance.md): the
 * process's resident memory before and after loading the model, the load time, then the latency of
 * {@code analyse} per message over a fixed, seeded mix of short, medium and long messages made from
 * the example set (single thread), and the throughput with {@code --threads} threads. Bounded by
 * {@code --messages}; stops by itself. Prints a Markdown report.
 *
 * <p>{@code --model}: {@code q} (default) the model as the function loads it ({@link
 * QuantizedMiniLm}, one ONNX thread per inference); {@code threads=N} the same with N threads;
 * {@code stock} langchain4j's own session of the quantized model (ONNX Runtime's defaults); {@code
 * full} the unquantized all-MiniLM-L6-v2, when its artifact is on the class path (it is not
 * shipped; docs/ai.md says how the choice was made).
 *
 * <p>It measures the function's own classes in-process, so bench/embedded.sh runs it on the
 * function's class path ({@code functions.jar} and its {@code lib/}) with {@code bench.jar} added,
 * and the function's JVM options: nothing else of this module, and none of its dependencies.
 */
public final class EmbeddedBenchmark {

  private EmbeddedBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = 2_000;
    int warmup = 300;
    int threads = 2;
    String which = "q";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--messages" -> messages = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--model" -> which = args[++i];
        default -> {
          System.err.println(
              "usage: EmbeddedBenchmark [--messages N] [--warmup N] [--threads T]"
                  + " [--model q|stock|threads=N|full]");
          System.exit(2);
        }
      }
    }
    long rssStart = rssKb();
    long t0 = System.nanoTime();
    EmbeddedAnalyzer analyzer =
        which.equals("full")
            ? EmbeddedAnalyzer.load(null, full())
            : which.equals("stock")
                ? EmbeddedAnalyzer.load(
                    null,
                    new dev.langchain4j.model.embedding.onnx.allminilml6v2q
                        .AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run))
                : which.startsWith("threads=")
                    ? EmbeddedAnalyzer.load(
                        null, new QuantizedMiniLm(Integer.parseInt(which.substring(8))))
                    : EmbeddedAnalyzer.load(null);
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    long rssLoaded = rssKb();

    List<String> mix = mix(new EmbeddedResources(null).examples(), Math.max(messages, warmup));
    for (int i = 0; i < warmup; i++) {
      analyzer.analyse(Analyzer.Message.of("Ann Lee", mix.get(i)));
    }
    long[] latencyUs = new long[messages];
    long started = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      long s = System.nanoTime();
      analyzer.analyse(Analyzer.Message.of("Ann Lee", mix.get(i)));
      latencyUs[i] = (System.nanoTime() - s) / 1_000;
    }
    double oneThreadRate = messages / ((System.nanoTime() - started) / 1e9);
    List<Long> shortUs = new ArrayList<>();
    List<Long> longUs = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      int n = EmbeddedAnalyzer.sentences(mix.get(i)).size();
      if (n == 1) {
        shortUs.add(latencyUs[i]);
      } else if (n >= 5) {
        longUs.add(latencyUs[i]);
      }
    }
    Arrays.sort(latencyUs);
    long[] shortSorted = shortUs.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] longSorted = longUs.stream().mapToLong(Long::longValue).sorted().toArray();

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      int count = messages;
      int step = threads;
      done.add(
          pool.submit(
              () -> {
                for (int i = offset; i < count; i += step) {
                  analyzer.analyse(Analyzer.Message.of("Ann Lee", mix.get(i)));
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double poolRate = messages / ((System.nanoTime() - started) / 1e9);
    pool.shutdown();
    long rssEnd = rssKb();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long heapUsedMb = (rt.totalMemory() - rt.freeMemory()) / (1 << 20);

    int[] lengths = mix.stream().limit(messages).mapToInt(String::length).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "## Embedded analyzer benchmark%n%n"
            + "model %s, %d messages (length p50 %d, max %d chars) after %d warm-up, JVM %s,"
            + " max heap %d MB, %d CPUs, load average %s%n%n"
            + "| figure | value |%n| --- | --- |%n"
            + "| model load (examples embedded) | %d ms |%n"
            + "| latency p50 | %.1f ms |%n| latency p90 | %.1f ms |%n"
            + "| latency p99 | %.1f ms |%n| latency max | %.1f ms |%n"
            + "| one-sentence messages (%d): p50 / p99 | %.1f / %.1f ms |%n"
            + "| messages of 5-8 sentences (%d): p50 / p99 | %.1f / %.1f ms |%n"
            + "| throughput, 1 thread | %.0f msg/s |%n| throughput, %d threads | %.0f msg/s |%n"
            + "| RSS before load | %d MB |%n| RSS after load | %d MB |%n| RSS at end | %d MB |%n"
            + "| RSS added (end - before load) | %d MB |%n| heap used after GC | %d MB |%n",
        which.equals("full")
            ? "all-minilm-l6-v2 (unquantized)"
            : EmbeddedAnalyzer.MODEL + (which.equals("q") ? "" : " (" + which + ")"),
        messages,
        lengths[lengths.length / 2],
        lengths[lengths.length - 1],
        warmup,
        System.getProperty("java.version"),
        rt.maxMemory() / (1 << 20),
        rt.availableProcessors(),
        loadAverage(),
        loadMs,
        percentile(latencyUs, 50),
        percentile(latencyUs, 90),
        percentile(latencyUs, 99),
        latencyUs[latencyUs.length - 1] / 1000.0,
        shortSorted.length,
        percentile(shortSorted, 50),
        percentile(shortSorted, 99),
        longSorted.length,
        percentile(longSorted, 50),
        percentile(longSorted, 99),
        oneThreadRate,
        threads,
        poolRate,
        rssStart / 1024,
        rssLoaded / 1024,
        rssEnd / 1024,
        (rssEnd - rssStart) / 1024,
        heapUsedMb);
  }

  /**
   * Messages made of 1 to 12 examples of one or two intents, seeded: 60% short (one sentence), 30%
   * medium (2-4), 10% long (8-12, several hundred characters, some cut at 4,000).
   */
  static List<String> mix(Map<Intent, List<String>> examples, int n) {
    Random random = new Random(42);
    List<String> all = new ArrayList<>();
    examples.values().forEach(all::addAll);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double kind = random.nextDouble();
      int sentences = kind < 0.6 ? 1 : kind < 0.9 ? 2 + random.nextInt(3) : 8 + random.nextInt(5);
      StringBuilder m = new StringBuilder();
      for (int s = 0; s < sentences; s++) {
        m.append(s == 0 ? "" : s % 4 == 0 ? "\n" : " ").append(all.get(random.nextInt(all.size())));
      }
      out.add(m.length() > 4_000 ? m.substring(0, 4_000) : m.toString());
    }
    return out;
  }

  private static double percentile(long[] sortedUs, int p) {
    int index = (int) Math.ceil(p / 100.0 * sortedUs.length) - 1;
    return sortedUs[Math.max(0, index)] / 1000.0;
  }

  private static EmbeddingModel full() throws ReflectiveOperationException {
    return (EmbeddingModel)
        Class.forName(
                "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel")
            .getConstructor(java.util.concurrent.Executor.class)
            .newInstance((java.util.concurrent.Executor) Runnable::run);
  }

  /** VmRSS of this process in kB (Linux). */
  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }

  private static String loadAverage() {
    try {
      return String.join(
          " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
