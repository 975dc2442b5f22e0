package org.supportinbox.testing;

/** Where the local PostgreSQL and RabbitMQ are; the same variables the services read. */
final class Env {

  private Env() {}

  static String get(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static String postgresHost() {
    return get("POSTGRES_HOST", "127.0.0.1");
  }

  static int postgresPort() {
    return Integer.parseInt(get("POSTGRES_PORT", "5432"));
  }

  static String postgresUser() {
    return get("POSTGRES_USER", "postgres");
  }

  static String postgresPassword() {
    return get("POSTGRES_PASSWORD", "postgres");
  }

  static String rabbitHost() {
    return get("RABBITMQ_HOST", "127.0.0.1");
  }

  static int rabbitPort() {
    return Integer.parseInt(get("RABBITMQ_PORT", "5672"));
  }
}
