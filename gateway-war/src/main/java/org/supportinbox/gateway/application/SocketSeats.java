package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.gateway.domain.LiveSocketRepository;

/**
 * The per-user socket cap ({@code WS_MAX_SOCKETS_PER_USER}) over every gateway instance: each open
 * socket holds a seat in the gateway's database, taken at the handshake and given back at close.
 * This instance stamps its heartbeat every sweep ({@link #heartbeat}); an instance not heard of for
 * {@link #TTL} (crashed, cut off) no longer holds its seats, so a crash frees them within that
 * time. A seat whose release failed is taken back by the next heartbeat.
 *
 * <p>When the database cannot answer, a new socket is refused (fail closed, 1013: try again later);
 * sockets already open stay.
 */
@ApplicationScoped
public class SocketSeats {

  private static final Logger LOG = Logger.getLogger(SocketSeats.class.getName());

  /** An instance silent this long is dead: four missed sweeps of 5 s. */
  public static final Duration TTL = Duration.ofSeconds(20);

  /**
   * A seat of this instance that the heartbeat does not know is deleted only once it is this old,
   * so that a seat taken while the heartbeat runs is never lost.
   */
  static final Duration SETTLE = Duration.ofSeconds(10);

  @Inject LiveSocketRepository sockets;

  /** This instance, new at every start: a crashed run's seats expire with its old id. */
  private final UUID instance = UUID.randomUUID();

  /** The seats held here (seat id to user), written before the database is. */
  private final Map<UUID, String> held = new ConcurrentHashMap<>();

  /**
   * A seat for a new socket of {@code username}, or empty when the user has {@code max} open over
   * all instances; {@link LimitsUnavailableException} when the database cannot answer.
   */
  public Optional<UUID> take(String username, int max) {
    UUID seat = UUID.randomUUID();
    held.put(seat, username);
    boolean taken;
    try {
      taken = sockets.take(instance, seat, username, max, TTL);
    } catch (RuntimeException e) {
      held.remove(seat);
      throw new LimitsUnavailableException("the socket limit cannot be checked now", e);
    }
    if (!taken) {
      held.remove(seat);
      return Optional.empty();
    }
    return Optional.of(seat);
  }

  /** Gives a seat back; if the database does not answer, the next heartbeat does it. */
  public void release(UUID seat) {
    held.remove(seat);
    try {
      sockets.release(seat);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "releasing a socket seat failed; the next heartbeat does", e);
    }
  }

  /** This instance is alive, with the seats it holds now (each sweep). */
  public void heartbeat() {
    sockets.heartbeat(instance, Map.copyOf(held), SETTLE);
  }

  /** Deletes dead instances' seats (each minute, on every instance; idempotent). */
  public int forgetDead() {
    return sockets.forgetDead(TTL);
  }

  /** A clean stop: this instance's seats are free at once. */
  public void leave() {
    sockets.leave(instance);
  }

  /** Seats held on this instance. */
  public int held() {
    return held.size();
  }
}
