package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.Assignment;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.PresenceRepository;
import org.supportinbox.platform.WireJson;

/**
 * Round-robin assignment of new conversations among the operators online ({@code
 * AUTO_ASSIGN=round_robin}; off by default). Online means an operator socket open on any gateway
 * instance: each instance reports its own every sweep ({@link #seen}), and an operator counts as
 * online for {@link #ONLINE_WINDOW} after that. The turn is taken in the shared database, so with
 * several instances the operators still take turns one by one.
 */
@ApplicationScoped
public class AutoAssign {

  private static final Logger LOG = Logger.getLogger(AutoAssign.class.getName());

  /**
   * How long a report of an open socket counts: three of the gateway's 5-second sweeps, so that one
   * late sweep does not take an operator offline, and one who left stops getting conversations
   * within 15 s.
   */
  public static final Duration ONLINE_WINDOW = Duration.ofSeconds(15);

  @Inject PresenceRepository presence;

  @Inject Messaging messaging;

  @Inject GatewayConfig config;

  public boolean enabled() {
    return config.autoAssignRoundRobin();
  }

  /** These operators have a socket open on this instance now. */
  @Transactional
  public void seen(Collection<String> usernames) {
    presence.seen(usernames, Instant.now());
  }

  /** The next operator online whose turn it is, the turn taken; empty when no one is online. */
  @Transactional
  public Optional<String> takeTurn() {
    Instant now = Instant.now();
    return presence.takeTurn(now.minus(ONLINE_WINDOW), now);
  }

  /**
   * Gives a conversation that just started to the next operator online, if any. Never fails the
   * customer's start: a conversation that cannot be assigned (no one online, messaging refusing or
   * unreachable) stays unassigned, where the team sees it, and the reason is logged.
   */
  public void newConversation(UUID conversation) {
    if (!enabled()) {
      return;
    }
    Optional<String> next;
    try {
      next = takeTurn();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "auto-assign: no turn taken; conversation " + conversation + " stays unassigned",
          e);
      return;
    }
    if (next.isEmpty()) {
      LOG.fine(
          () ->
              "auto-assign: no operator online; conversation "
                  + conversation
                  + " stays unassigned");
      return;
    }
    String assignee = next.get();
    try {
      Messaging.Answer answer =
          messaging.changeConversation(
              conversation,
              // Only the assignee: ConversationChange's other fields written as null would mean
              // "change it to null".
              WireJson.JSONB.toJson(new Assignment(assignee)));
      if (answer.ok()) {
        LOG.info(() -> "auto-assign: conversation " + conversation + " to " + assignee);
      } else {
        LOG.warning(
            () ->
                "auto-assign: messaging answered "
                    + answer.status()
                    + " for conversation "
                    + conversation
                    + "; it stays unassigned");
      }
    } catch (MessagingUnavailableException e) {
      LOG.warning(
          () ->
              "auto-assign: messaging unavailable ("
                  + e.getMessage()
                  + "); conversation "
                  + conversation
                  + " stays unassigned");
    }
  }
}
