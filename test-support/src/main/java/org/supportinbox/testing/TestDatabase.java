package org.supportinbox.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A PostgreSQL database of a test's own, created fresh and dropped on close. */
public final class TestDatabase implements AutoCloseable {

  private final String name;
  private final String host;
  private final int port;

  private TestDatabase(String name) {
    this(name, Env.postgresHost(), Env.postgresPort());
  }

  private TestDatabase(String name, String host, int port) {
    this.name = name;
    this.host = host;
    this.port = port;
  }

  /** Creates {@code <prefix>_<random>}; names are lower-case so they need no quoting. */
  public static TestDatabase create(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("create database " + name);
    return new TestDatabase(name);
  }

  /**
   * Creates {@code <prefix>_<random>} on the server at {@code host:port} (a private one a test
   * started; the shared server's user and password).
   */
  public static TestDatabase createOn(String host, int port, String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(host, port, "create database " + name);
    return new TestDatabase(name, host, port);
  }

  /** Creates a database with exactly this name (lower-case letters, digits, '_'). */
  public static TestDatabase createNamed(String name) {
    if (name == null || !name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    admin("create database " + name);
    return new TestDatabase(name);
  }

  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return Env.postgresUser();
  }

  public String password() {
    return Env.postgresPassword();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user(), password());
  }

  @Override
  public void close() {
    admin(host, port, "drop database if exists " + name + " with (force)");
  }

  private static void admin(String sql) {
    admin(Env.postgresHost(), Env.postgresPort(), sql);
  }

  private static void admin(String host, int port, String sql) {
    String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    try (Connection c =
            DriverManager.getConnection(url, Env.postgresUser(), Env.postgresPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + url + " refused: " + sql, e);
    }
  }
}
