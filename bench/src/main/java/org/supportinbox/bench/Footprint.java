package org.supportinbox.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Memory of every process of the stack at one instant, from /proc (Linux only). The JVMs the run
 * started by their pids ({@code VmRSS} and its peak {@code VmHWM}); PostgreSQL and RabbitMQ, which
 * this machine shares with other work, by what they are: for PostgreSQL the sum of {@code Pss}
 * ({@code smaps_rollup}) of the server's own processes and of the backends of the run's databases,
 * since every backend maps the same shared buffers and summing their RSS would count those many
 * times; for RabbitMQ the {@code VmRSS} of {@code beam.smp}, the whole broker (other vhosts
 * included).
 */
final class Footprint {

  static final String POSTGRES = "PostgreSQL (Pss: server + run's backends)";
  static final String RABBITMQ = "RabbitMQ (beam.smp, whole broker)";

  /** One process (or group) now: resident KiB and peak KiB ({@code -1} where not known). */
  record Entry(String name, long rssKib, long peakKib, boolean product) {}

  private Footprint() {}

  /**
   * {@code jvms}: name → pid of the processes the run started; {@code product} names those that are
   * the product (the services and analyze replicas, not doubles or the load generator).
   */
  static List<Entry> take(
      Map<String, Long> jvms, Set<String> product, Set<String> databases, long postmasterPid) {
    List<Entry> out = new ArrayList<>();
    jvms.forEach(
        (name, pid) -> {
          long[] m = status(Path.of("/proc", Long.toString(pid)));
          out.add(new Entry(name, m[0], m[1], product.contains(name)));
        });
    long pss = 0;
    long beam = -1;
    long beamPeak = -1;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        String comm = read(proc.resolve("comm"));
        if (comm == null) {
          continue;
        }
        if (comm.strip().equals("postgres") && ours(proc, databases, postmasterPid)) {
          pss += pss(proc);
        } else if (comm.strip().equals("beam.smp")) {
          long[] m = status(proc);
          beam = m[0];
          beamPeak = m[1];
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list /proc", e);
    }
    out.add(new Entry(POSTGRES, pss, -1, true));
    out.add(new Entry(RABBITMQ, beam, beamPeak, true));
    return out;
  }

  /**
   * Whether a postgres process counts: the server's own (checkpointer, WAL writer, ...: a title not
   * a backend's) or a backend of one of the run's databases ({@code postgres: USER DATABASE HOST
   * ACTIVITY}), not one of someone else's load on the same server. With the run's private server
   * ({@code postmasterPid} not 0): that server and its children, all of them the run's.
   */
  static boolean ours(Path proc, Set<String> databases, long postmasterPid) {
    if (postmasterPid > 0) {
      long pid = Long.parseLong(proc.getFileName().toString());
      return pid == postmasterPid || parent(proc) == postmasterPid;
    }
    String cmdline = read(proc.resolve("cmdline"));
    if (cmdline == null) {
      return false;
    }
    String[] title = cmdline.replace('\0', ' ').strip().split(" ");
    boolean backend = title.length >= 4 && title[0].equals("postgres:") && title[3].contains("(");
    return !backend || databases.contains(title[2]);
  }

  /** The parent's pid ({@code stat}'s 4th field), -1 if the process is gone. */
  private static long parent(Path proc) {
    String stat = read(proc.resolve("stat"));
    if (stat == null) {
      return -1;
    }
    // After the command name, which may hold spaces: state, then the parent's pid.
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
  }

  /** {@code Pss} of a process in KiB, 0 if it is gone or not readable. */
  private static long pss(Path proc) {
    String rollup = read(proc.resolve("smaps_rollup"));
    if (rollup == null) {
      return 0;
    }
    for (String line : rollup.split("\n")) {
      if (line.startsWith("Pss:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  /** {@code VmRSS} and {@code VmHWM} in KiB, {@code -1} each if the process is gone. */
  static long[] status(Path proc) {
    long[] m = {-1, -1};
    String status = read(proc.resolve("status"));
    if (status == null) {
      return m;
    }
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        m[0] = Long.parseLong(line.replaceAll("[^0-9]", ""));
      } else if (line.startsWith("VmHWM:")) {
        m[1] = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return m;
  }

  /** A /proc file, or null if the process exited meanwhile or it cannot be read. */
  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
