package org.supportinbox.gateway.domain;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The open WebSockets of every gateway instance, by user, for a per-user cap over all instances
 * (the port; {@code infrastructure.jdbc.JdbcLiveSocketRepository} keeps them in the gateway's
 * database). An instance is alive while it stamps its heartbeat; the sockets of one not heard of
 * for the time-to-live no longer count, and are deleted with it.
 */
public interface LiveSocketRepository {

  /**
   * Records socket {@code socket} of {@code username} on {@code instance} unless the user already
   * has {@code max} on live instances; the count and the insert are one step for that user across
   * instances. False when the user is at the cap.
   */
  boolean take(UUID instance, UUID socket, String username, int max, Duration ttl);

  /** Forgets one socket (closed). */
  void release(UUID socket);

  /**
   * Stamps {@code instance} alive and makes its recorded sockets {@code open} (socket id to user):
   * rows of this instance not among them and older than {@code settle} are deleted (a release that
   * failed), and, when the instance had been given up for dead, its sockets are recorded again.
   */
  void heartbeat(UUID instance, Map<UUID, String> open, Duration settle);

  /** Deletes the instances, and their sockets, not heard of for {@code ttl}; how many. */
  int forgetDead(Duration ttl);

  /** Deletes this instance and its sockets (a clean stop). */
  void leave(UUID instance);
}
