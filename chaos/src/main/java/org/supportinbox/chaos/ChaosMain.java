package org.supportinbox.chaos;

import java.nio.file.Path;

/**
 * {@code ./inbox chaos [options]}: runs one chaos run, prints the fault timeline and the ledger on
 * stdout, writes {@code chaos-report.json}, and exits 0 when every count is as expected, 1 when one
 * is wrong, 2 on a bad option or when the run could not be done at all.
 */
public final class ChaosMain {

  private ChaosMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--cluster")) {
      cluster(java.util.Arrays.asList(args).subList(1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("--pg-failover")) {
      pgFailover(java.util.Arrays.asList(args).subList(1, args.length));
      return;
    }
    ChaosOptions options;
    try {
      options =
          ChaosOptions.parse(
              args, Path.of(System.getProperty("chaos.reportDir", "chaos/target/chaos")));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
      System.exit(help ? 0 : 2);
      return;
    }
    try {
      Report report = new ChaosRun(options).run();
      System.out.print(report.text());
      System.out.println("report: " + report.write(options.reportDir()).toAbsolutePath());
      System.exit(report.passed() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("chaos: the run could not be done: " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }

  /** {@code ./inbox chaos --cluster [options]}: {@link ClusterRun}, with the same exit statuses. */
  private static void cluster(java.util.List<String> args) {
    ClusterOptions options;
    try {
      options =
          ClusterOptions.parse(
              args,
              Path.of(System.getProperty("chaos.reportDir", "chaos/target/chaos"))
                  .resolve("cluster"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      boolean help = !args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"));
      System.exit(help ? 0 : 2);
      return;
    }
    try {
      Report report = new ClusterRun(options).run();
      System.out.print(report.text());
      System.out.println("report: " + report.write(options.reportDir()).toAbsolutePath());
      System.exit(report.passed() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("chaos: the cluster run could not be done: " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }

  /**
   * {@code ./inbox chaos --pg-failover [options]}: {@link FailoverRun}, with the same exit
   * statuses.
   */
  private static void pgFailover(java.util.List<String> args) {
    FailoverOptions options;
    try {
      options =
          FailoverOptions.parse(
              args,
              Path.of(System.getProperty("chaos.reportDir", "chaos/target/chaos"))
                  .resolve("pg-failover"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      boolean help = !args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"));
      System.exit(help ? 0 : 2);
      return;
    }
    try {
      Report report = new FailoverRun(options).run();
      System.out.print(report.text());
      System.out.println("report: " + report.write(options.reportDir()).toAbsolutePath());
      System.exit(report.passed() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("chaos: the PostgreSQL failover run could not be done: " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }
}
