package org.supportinbox.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code --name value} options a benchmark's script passes to its Java side, and the few things
 * both entry points do with them.
 */
final class Options {

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  static Options parse(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    return new Options(o);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  int integer(String name, int defaultValue) {
    return Integer.parseInt(get(name, Integer.toString(defaultValue)));
  }

  long pid(String name) {
    return Long.parseLong(required(name));
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * Messaging's outbox, from {@code --jdbc-url} and {@code --db-user}; the password comes from the
   * environment ({@code POSTGRES_PASSWORD}).
   */
  OutboxLag outbox() {
    return new OutboxLag(
        required("jdbc-url"),
        required("db-user"),
        System.getenv().getOrDefault("POSTGRES_PASSWORD", ""));
  }

  /**
   * The properties file named by option {@code name} (the script's figures, e.g. pgbench's); empty
   * without the option.
   */
  Properties properties(String name) throws IOException {
    Properties p = new Properties();
    if (has(name)) {
      try (Reader in = Files.newBufferedReader(Path.of(required(name)))) {
        p.load(in);
      }
    }
    return p;
  }

  /** The gateway admin's password, from the environment ({@code BENCH_ADMIN_PASSWORD}). */
  static String adminPassword() {
    String password = System.getenv("BENCH_ADMIN_PASSWORD");
    if (password == null || password.isEmpty()) {
      throw new IllegalStateException("BENCH_ADMIN_PASSWORD (the gateway's admin's) is not set");
    }
    return password;
  }

  /** {@code /proc} ticks per second ({@code getconf CLK_TCK}). */
  int clockTicks() {
    return integer("clk-tck", 100);
  }

  /** Throws unless every value is at least 1. */
  static void positive(String what, int... values) {
    for (int v : values) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be positive");
      }
    }
  }

  /**
   * Prints the report and writes it to {@code --report} if given; then ends the program with status
   * 1 if a phase had no successful request (the report's errors say why), else returns.
   */
  void writeReport(String markdown, List<LoadResult> phases) throws IOException {
    System.out.print(markdown);
    if (has("report")) {
      Files.writeString(Path.of(get("report", "")), markdown);
    }
    if (phases.stream().anyMatch(p -> p.requests() == p.errors())) {
      log("a phase had no successful request: see the errors above");
      System.exit(1);
    }
  }

  /** The names in a comma-separated option. */
  List<String> list(String name, String defaultValue) {
    return List.of(get(name, defaultValue).split(",")).stream().map(String::strip).toList();
  }

  static void log(String line) {
    System.err.println(line);
  }
}
