package org.supportinbox.chaos;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./inbox chaos [options]}: runs one chaos run, prints the fault timeline and the ledger on
 * stdout, writes {@code chaos-report.json}, and exits 0 when every count is as expected, 1 when one
 * is wrong, 2 on a bad option or when the run could not be done at all. {@code --cluster} runs the
 * {@link ClusterRun}, {@code --pg-failover} the {@link FailoverRun}, with the same exit statuses.
 */
public final class ChaosMain {

  /** One kind of run: its options from the command line, and the run itself. */
  private interface Mode<O> {
    O parse(List<String> args, Path reportDir);

    Report run(O options) throws Exception;

    Path reportDir(O options);
  }

  private ChaosMain() {}

  public static void main(String[] args) {
    List<String> all = Arrays.asList(args);
    Path reports = Path.of(System.getProperty("chaos.reportDir", "chaos/target/chaos"));
    if (!all.isEmpty() && all.get(0).equals("--cluster")) {
      run(
          "the cluster run",
          all.subList(1, all.size()),
          reports.resolve("cluster"),
          new Mode<ClusterOptions>() {
            public ClusterOptions parse(List<String> a, Path dir) {
              return ClusterOptions.parse(a, dir);
            }

            public Report run(ClusterOptions o) throws Exception {
              return new ClusterRun(o).run();
            }

            public Path reportDir(ClusterOptions o) {
              return o.reportDir();
            }
          });
    } else if (!all.isEmpty() && all.get(0).equals("--pg-failover")) {
      run(
          "the PostgreSQL failover run",
          all.subList(1, all.size()),
          reports.resolve("pg-failover"),
          new Mode<FailoverOptions>() {
            public FailoverOptions parse(List<String> a, Path dir) {
              return FailoverOptions.parse(a, dir);
            }

            public Report run(FailoverOptions o) throws Exception {
              return new FailoverRun(o).run();
            }

            public Path reportDir(FailoverOptions o) {
              return o.reportDir();
            }
          });
    } else {
      run(
          "the run",
          all,
          reports,
          new Mode<ChaosOptions>() {
            public ChaosOptions parse(List<String> a, Path dir) {
              return ChaosOptions.parse(a.toArray(String[]::new), dir);
            }

            public Report run(ChaosOptions o) throws Exception {
              return new ChaosRun(o).run();
            }

            public Path reportDir(ChaosOptions o) {
              return o.reportDir();
            }
          });
    }
  }

  /** Parses, runs, prints and exits with the run's status (2: a bad option, or no run at all). */
  private static <O> void run(String what, List<String> args, Path reportDir, Mode<O> mode) {
    O options;
    try {
      options = mode.parse(args, reportDir);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      boolean help = !args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"));
      System.exit(help ? 0 : 2);
      return;
    }
    try {
      Report report = mode.run(options);
      System.out.print(report.text());
      System.out.println("report: " + report.write(mode.reportDir(options)).toAbsolutePath());
      System.exit(report.passed() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("chaos: " + what + " could not be done: " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }
}
