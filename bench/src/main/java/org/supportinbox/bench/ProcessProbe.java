package org.supportinbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Memory of the services' Payara processes and CPU time of everything on the machine, from /proc
 * (Linux only), to tell which of the processes sharing the cores a phase kept busy.
 */
final class ProcessProbe {

  /** The owners counted besides the services, by the column name the reports give them. */
  static final String POSTGRES = "PostgreSQL";

  static final String RABBITMQ = "RabbitMQ";
  static final String LOAD_GENERATOR = "load generator";

  /** Resident set now and its peak ({@code VmHWM}), in KiB. */
  record Memory(long rssKib, long peakKib) {}

  /**
   * CPU used over a window of {@code seconds}, in cores (1.0 = one core busy all the time): the
   * whole machine and each owner, in the order of {@link #owners()}.
   */
  record Cpu(double machine, Map<String, Double> byOwner, double seconds) {

    /**
     * CPU milliseconds per message of an owner (or of the machine, {@code owner} null): its cores
     * times the window's length, over {@code messages}; NaN without messages or without the owner.
     */
    double millisPerMessage(String owner, long messages) {
      Double cores = owner == null ? Double.valueOf(machine) : byOwner.get(owner);
      return cores == null || messages <= 0 ? Double.NaN : cores * seconds * 1000 / messages;
    }

    /**
     * What the owners do not explain: other programs, other databases' backends, the kernel. Well
     * above zero means the machine was not quiet and the figures are not comparable.
     */
    double other() {
      double owned = byOwner.values().stream().mapToDouble(Double::doubleValue).sum();
      return Math.max(0, machine - owned);
    }
  }

  /** What a piece of work returned, and the CPU used on the machine while it ran. */
  record During<T>(T value, Cpu cpu) {}

  /** A piece of work whose CPU is measured ({@link #during}). */
  interface Work<T> {
    T run() throws Exception;
  }

  /** Cumulative ticks at one instant: machine busy and total, and per process of each owner. */
  private record Ticks(
      long busy, long total, Map<String, Map<Long, Long>> byOwner, long nanoTime) {}

  private final Map<String, Long> services;
  private final Set<String> databases;
  private final long postmasterPid;
  private final List<String> owners;
  private final long selfPid = ProcessHandle.current().pid();
  private final int clockTicksPerSecond;
  private final int cpus = Runtime.getRuntime().availableProcessors();

  /**
   * @param services the Payara process of each service by the name its column gets, in column order
   * @param databases the benchmark's databases: backends of any other database are not counted
   */
  ProcessProbe(Map<String, Long> services, Set<String> databases, int clockTicksPerSecond) {
    this(services, databases, 0, clockTicksPerSecond);
  }

  /**
   * @param postmasterPid the run's private PostgreSQL server ({@code --postgres-pid}): all its
   *     processes are the run's, none of another server's; 0 for the shared server
   */
  ProcessProbe(
      Map<String, Long> services,
      Set<String> databases,
      long postmasterPid,
      int clockTicksPerSecond) {
    this.services = new LinkedHashMap<>(services);
    this.databases = Set.copyOf(databases);
    this.postmasterPid = postmasterPid;
    List<String> all = new ArrayList<>(services.keySet());
    all.addAll(List.of(POSTGRES, RABBITMQ, LOAD_GENERATOR));
    this.owners = List.copyOf(all);
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  /** Whose CPU time is counted: the services, then PostgreSQL, RabbitMQ and the load generator. */
  List<String> owners() {
    return owners;
  }

  /** The services, in column order. */
  List<String> services() {
    return List.copyOf(services.keySet());
  }

  /** {@code VmRSS} and {@code VmHWM} of a service's process. */
  Memory memory(String service) {
    long pid = services.get(service);
    long[] m = Footprint.status(Path.of("/proc", Long.toString(pid)));
    if (m[0] < 0) {
      throw new IllegalStateException(
          "cannot read the status of " + service + " (pid " + pid + ")");
    }
    return new Memory(m[0], m[1]);
  }

  private Ticks ticks() {
    long nanoTime = System.nanoTime();
    String[] cpu;
    try {
      cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/stat", e);
    }
    long total = 0;
    for (int i = 1; i < cpu.length; i++) {
      total += Long.parseLong(cpu[i]);
    }
    // Fields after "cpu": user nice system idle iowait irq softirq steal ...
    long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
    Map<String, Map<Long, Long>> byOwner = new HashMap<>();
    for (String o : owners) {
      byOwner.put(o, new HashMap<>());
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        String owner = ownerOf(pid, proc);
        if (owner != null) {
          long t = processTicks(proc);
          if (t >= 0) {
            byOwner.get(owner).put(pid, t);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc", e);
    }
    return new Ticks(total - idle, total, byOwner, nanoTime);
  }

  /** Runs {@code work} and measures the CPU everyone used meanwhile. */
  <T> During<T> during(Work<T> work) throws Exception {
    Ticks before = ticks();
    T value = work.run();
    return new During<>(value, between(before, ticks()));
  }

  /** CPU used between two {@link #ticks()}; processes born in between count from zero. */
  private Cpu between(Ticks before, Ticks after) {
    double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
    double machine =
        after.total() == before.total()
            ? 0
            : (double) (after.busy() - before.busy()) / (after.total() - before.total()) * cpus;
    Map<String, Double> byOwner = new LinkedHashMap<>();
    for (String o : owners) {
      Map<Long, Long> start = before.byOwner().get(o);
      long used = 0;
      for (Map.Entry<Long, Long> e : after.byOwner().get(o).entrySet()) {
        used += e.getValue() - start.getOrDefault(e.getKey(), 0L);
      }
      byOwner.put(o, used / (double) clockTicksPerSecond / seconds);
    }
    return new Cpu(machine, byOwner, seconds);
  }

  private String ownerOf(long pid, Path proc) {
    for (Map.Entry<String, Long> service : services.entrySet()) {
      if (pid == service.getValue()) {
        return service.getKey();
      }
    }
    if (pid == selfPid) {
      return LOAD_GENERATOR;
    }
    String comm = Footprint.read(proc.resolve("comm"));
    if (comm == null) {
      // Exited while we looked, or not readable: counted in the machine total only.
      return null;
    }
    if (comm.strip().equals("postgres")) {
      return Footprint.ours(proc, databases, postmasterPid) ? POSTGRES : null;
    }
    if (comm.strip().equals("beam.smp")) {
      return RABBITMQ;
    }
    return null;
  }

  /** utime + stime of a process (all its threads), or -1 if it exited meanwhile. */
  private static long processTicks(Path proc) {
    String stat;
    try {
      stat = Files.readString(proc.resolve("stat"));
    } catch (IOException e) {
      return -1;
    }
    // The command name (2nd field) may contain spaces: fields are counted after its ')'.
    List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    // utime and stime are fields 14 and 15 of proc(5); here, after pid and comm, at 11 and 12.
    return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
  }
}
