package org.supportinbox.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.supportinbox.testing.PayaraMicro;

/**
 * A PostgreSQL primary and a streaming standby of the run's own: two Debian clusters ({@code
 * pg_createcluster <version> inbox-pgfo-<id>-a|b}) on free ports of 127.0.0.1, their data in a
 * temporary directory, trust for 127.0.0.1 (normal and replication connections). The standby is a
 * {@code pg_basebackup -R} of the primary; with synchronous replication the primary has {@code
 * synchronous_standby_names = '*'} ({@code synchronous_commit} stays {@code on}): a commit returns
 * once the standby has flushed it. The faults: {@link #stopPrimary()} ({@code pg_ctlcluster stop -m
 * immediate}: no shutdown checkpoint, clients cut off as in a crash) and {@link #promoteStandby()}
 * ({@code pg_ctlcluster promote}). {@link #close()} drops both clusters ({@code pg_dropcluster
 * --stop}) and deletes their directories and configuration. The machine's other clusters (the
 * shared one on 5432) are never touched. It needs root (or the {@code postgres} user) and Debian's
 * postgresql-common; the version is {@code CHAOS_PG_VERSION}, else the newest in {@code
 * /usr/lib/postgresql}.
 */
final class PrivatePostgresPair implements AutoCloseable {

  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private final String version;
  private final String id;
  private final Path dir;
  private final boolean synchronous;
  private final int primaryPort;
  private final int standbyPort;
  private final List<String> created = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private PrivatePostgresPair(String version, boolean synchronous, Path dir) {
    this.version = version;
    this.id = UUID.randomUUID().toString().substring(0, 8);
    this.dir = dir;
    this.synchronous = synchronous;
    this.primaryPort = PayaraMicro.freePort();
    int port = PayaraMicro.freePort();
    while (port == primaryPort) {
      port = PayaraMicro.freePort();
    }
    this.standbyPort = port;
  }

  /** Creates and starts both, and waits until the standby streams (in sync when synchronous). */
  static PrivatePostgresPair start(boolean synchronous) throws IOException {
    Path dir = Files.createTempDirectory("inbox-pgfo-");
    PrivatePostgresPair pair = new PrivatePostgresPair(version(), synchronous, dir);
    try {
      pair.run("chown", USER + ":" + USER, dir.toString());
      pair.create(pair.primary(), pair.primaryPort, synchronous);
      pair.run("pg_ctlcluster", pair.version, pair.primary(), "start");
      pair.create(pair.standby(), pair.standbyPort, false);
      // The standby's data directory is a base backup of the primary's, with standby.signal and
      // primary_conninfo (-R); WAL streamed during the backup (-X stream).
      Path standbyData = dir.resolve("b");
      pair.deleteTree(standbyData);
      pair.run(
          "runuser",
          "-u",
          USER,
          "--",
          "/usr/lib/postgresql/" + pair.version + "/bin/pg_basebackup",
          "-h",
          "127.0.0.1",
          "-p",
          Integer.toString(pair.primaryPort),
          "-U",
          USER,
          "-D",
          standbyData.toString(),
          "-R",
          "-X",
          "stream",
          "-c",
          "fast");
      pair.run("pg_ctlcluster", pair.version, pair.standby(), "start");
      pair.awaitStreaming(Duration.ofSeconds(60));
      return pair;
    } catch (IOException | RuntimeException e) {
      pair.close();
      throw e;
    }
  }

  private static String version() {
    String v = System.getenv("CHAOS_PG_VERSION");
    if (v != null && !v.isBlank()) {
      return v.strip();
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+"))
          .max(Comparator.comparingInt(Integer::parseInt))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL in /usr/lib/postgresql"));
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL in /usr/lib/postgresql", e);
    }
  }

  String primary() {
    return "inbox-pgfo-" + id + "-a";
  }

  String standby() {
    return "inbox-pgfo-" + id + "-b";
  }

  int primaryPort() {
    return primaryPort;
  }

  int standbyPort() {
    return standbyPort;
  }

  boolean synchronous() {
    return synchronous;
  }

  /** Both servers, primary first, as the services' {@code POSTGRES_HOST}. */
  String hosts() {
    return "127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort;
  }

  /** A connection to whichever of the two is the primary now (the driver's multi-host URL). */
  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + hosts()
            + "/"
            + database
            + "?targetServerType=primary&connectTimeout=5&hostRecheckSeconds=1",
        USER,
        PASSWORD);
  }

  private void create(String name, int port, boolean synchronousPrimary) throws IOException {
    created.add(name);
    run(
        "pg_createcluster",
        version,
        name,
        "-p",
        Integer.toString(port),
        "-d",
        dir.resolve(name.endsWith("-a") ? "a" : "b").toString(),
        "--",
        "--auth=trust");
    List<String> conf = new ArrayList<>();
    conf.add("listen_addresses = '127.0.0.1'");
    conf.add("wal_level = replica");
    conf.add("max_wal_senders = 5");
    conf.add("wal_keep_size = '256MB'");
    conf.add("hot_standby = on");
    conf.add("max_connections = 100");
    conf.add("shared_buffers = '32MB'");
    if (synchronousPrimary) {
      conf.add("synchronous_standby_names = '*'");
      conf.add("synchronous_commit = on");
    }
    Files.writeString(
        confDir(name).resolve("conf.d").resolve("inbox-pgfo.conf"),
        String.join("\n", conf) + "\n",
        StandardCharsets.UTF_8);
  }

  private Path confDir(String name) {
    return Path.of("/etc/postgresql", version, name);
  }

  /** Waits until the primary lists the standby as streaming (and {@code sync} when synchronous). */
  private void awaitStreaming(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres", USER, PASSWORD);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select state, sync_state from pg_stat_replication")) {
        if (rs.next()) {
          last = rs.getString(1) + "/" + rs.getString(2);
          if ("streaming".equals(rs.getString(1))
              && (!synchronous || "sync".equals(rs.getString(2)))) {
            return;
          }
        }
      } catch (SQLException e) {
        last = e.getMessage();
      }
      sleep(300);
    }
    throw new IllegalStateException("the standby is not streaming after " + timeout + ": " + last);
  }

  /** The primary's {@code pg_stat_replication} row: state, sync state, replay lag. */
  String replicationState() {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres", USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select state, sync_state, pg_wal_lsn_diff(sent_lsn, replay_lsn)"
                    + " from pg_stat_replication")) {
      return rs.next()
          ? rs.getString(1) + ", " + rs.getString(2) + ", " + rs.getLong(3) + " bytes not replayed"
          : "no standby connected";
    } catch (SQLException e) {
      return "unknown: " + e.getMessage();
    }
  }

  /** {@code pg_ctlcluster stop -m immediate} of the primary. */
  void stopPrimary() throws IOException {
    run("pg_ctlcluster", version, primary(), "stop", "-m", "immediate");
  }

  /** Promotes the standby and waits until it accepts writes (out of recovery). */
  void promoteStandby(Duration timeout) throws IOException {
    run("pg_ctlcluster", version, standby(), "promote");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres", USER, PASSWORD);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return;
        }
      } catch (SQLException e) {
        // not yet
      }
      sleep(100);
    }
    throw new IllegalStateException("the standby is still in recovery after " + timeout);
  }

  private void run(String... command) throws IOException {
    Path log = Files.createTempFile("inbox-pgfo-cmd-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end in 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed ("
                + p.exitValue()
                + "): "
                + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Drops both clusters (stopping them), their configuration directories and data. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (String name : created) {
      try {
        run("pg_dropcluster", "--stop", version, name);
      } catch (IOException | RuntimeException e) {
        Log.say("pg_dropcluster " + name + " failed: " + e.getMessage());
      }
      try {
        // pg_dropcluster leaves files it did not create (conf.d/inbox-pgfo.conf).
        deleteTree(confDir(name));
      } catch (IOException e) {
        Log.say("could not delete " + confDir(name) + ": " + e);
      }
    }
    try {
      deleteTree(dir);
    } catch (IOException e) {
      Log.say("could not delete " + dir + ": " + e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
