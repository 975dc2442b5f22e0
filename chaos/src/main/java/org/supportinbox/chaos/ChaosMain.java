package org.supportinbox.chaos;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code ./inbox chaos [options]}: runs one chaos run, prints the fault timeline and the ledger on
 * stdout, writes {@code chaos-report.json}, and exits 0 when every count is as expected, 1 when one
 * is wrong, 2 on a bad option or when the run could not be done at all. {@code --cluster} runs the
 * {@link ClusterRun}, {@code --pg-failover} the {@link FailoverRun}, with the same exit statuses.
 */
public final class ChaosMain {

  /** A run of a kind from its options; it may fail. */
  private interface Runner<O> {
    Report run(O options) throws Exception;
  }

  /** One kind of run: its options from the command line, the run, where its report goes. */
  private record Mode<O>(
      BiFunction<List<String>, Path, O> parse, Runner<O> run, Function<O, Path> reportDir) {}

  private ChaosMain() {}

  public static void main(String[] args) {
    List<String> all = Arrays.asList(args);
    Path reports = Path.of(System.getProperty("chaos.reportDir", "chaos/target/chaos"));
    String first = all.isEmpty() ? "" : all.get(0);
    List<String> rest = all.isEmpty() ? all : all.subList(1, all.size());
    switch (first) {
      case "--cluster" ->
          run(
              "the cluster run",
              rest,
              reports.resolve("cluster"),
              new Mode<>(
                  ClusterOptions::parse, o -> new ClusterRun(o).run(), ClusterOptions::reportDir));
      case "--pg-failover" ->
          run(
              "the PostgreSQL failover run",
              rest,
              reports.resolve("pg-failover"),
              new Mode<>(
                  FailoverOptions::parse,
                  o -> new FailoverRun(o).run(),
                  FailoverOptions::reportDir));
      default ->
          run(
              "the run",
              all,
              reports,
              new Mode<ChaosOptions>(
                  (a, dir) -> ChaosOptions.parse(a.toArray(String[]::new), dir),
                  o -> new ChaosRun(o).run(),
                  ChaosOptions::reportDir));
    }
  }

  /** Parses, runs, prints and exits with the run's status (2: a bad option, or no run at all). */
  private static <O> void run(String what, List<String> args, Path reportDir, Mode<O> mode) {
    O options;
    try {
      options = mode.parse().apply(args, reportDir);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      boolean help = !args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"));
      System.exit(help ? 0 : 2);
      return;
    }
    try {
      Report report = mode.run().run(options);
      System.out.print(report.text());
      System.out.println(
          "report: " + report.write(mode.reportDir().apply(options)).toAbsolutePath());
      System.exit(report.passed() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("chaos: " + what + " could not be done: " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }
}
