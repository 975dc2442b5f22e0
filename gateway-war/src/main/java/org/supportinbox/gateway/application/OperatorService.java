package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.OperatorView;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.gateway.domain.Operator;
import org.supportinbox.gateway.domain.OperatorRepository;
import org.supportinbox.gateway.domain.OperatorRole;
import org.supportinbox.gateway.domain.RevocationFeed;
import org.supportinbox.platform.ConflictException;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.UnknownIdException;

/** Operator accounts: the first admin at start-up, and what admins do over the API. */
@ApplicationScoped
public class OperatorService {

  private static final Logger LOG = Logger.getLogger(OperatorService.class.getName());

  @Inject OperatorRepository operators;

  @Inject PasswordHasher hasher;

  @Inject AuditLog audit;

  @Inject Denylist denylist;

  /** Changes to an account; null fields stay as they are. */
  public record Change(String displayName, OperatorRole role, Boolean disabled, String password) {}

  /**
   * Creates the first admin from {@code INBOX_ADMIN_USER}/{@code INBOX_ADMIN_PASSWORD} when no
   * operator exists; refuses to start without them then.
   */
  @Transactional
  public void ensureFirstAdmin(String username, java.util.Optional<String> password) {
    if (operators.count() > 0) {
      return;
    }
    String pw =
        password.orElseThrow(
            () ->
                new IllegalStateException(
                    "no operator exists yet: set INBOX_ADMIN_USER and INBOX_ADMIN_PASSWORD to"
                        + " create the first admin"));
    operators.add(
        new Operator(
            username(username),
            username,
            OperatorRole.ADMIN,
            hasher.hash(pw.toCharArray()),
            now()));
    LOG.info(() -> "created the first admin username=" + username);
  }

  @Transactional
  public OperatorView create(
      String username, String displayName, OperatorRole role, String pw, String actor) {
    String name = username(username);
    if (operators.find(name) != null) {
      throw new ConflictException("username", "an operator named '" + name + "' exists already");
    }
    Operator o =
        new Operator(name, displayName, role, hasher.hash(password(pw).toCharArray()), now());
    operators.add(o);
    audit.record(
        o.createdAt(),
        actor,
        AuditLog.OPERATOR_CREATED,
        name,
        null,
        "role " + role.wire() + ", display name '" + displayName + "'");
    return Views.operator(o);
  }

  @Transactional
  public OperatorView change(String username, Change change, String actor) {
    Operator o = operators.findForUpdate(username);
    if (o == null) {
      throw new UnknownIdException("operator", "no operator named '" + username + "'");
    }
    Instant at = now();
    long generation = o.tokenGeneration();
    OperatorRole roleBefore = o.role();
    boolean disabledBefore = o.disabled();
    String nameBefore = o.displayName();
    boolean losesAdmin =
        (change.role() != null && change.role() != OperatorRole.ADMIN)
            || Boolean.TRUE.equals(change.disabled());
    if (losesAdmin
        && o.role() == OperatorRole.ADMIN
        && !o.disabled()
        && operators.activeAdmins() == 1) {
      throw new ConflictException(
          null, "'" + username + "' is the last active admin; make another admin first");
    }
    if (change.displayName() != null) {
      o.rename(change.displayName(), at);
    }
    if (change.role() != null) {
      o.changeRole(change.role(), at);
    }
    if (change.disabled() != null) {
      o.setDisabled(change.disabled(), at);
    }
    if (change.password() != null) {
      o.changePassword(hasher.hash(password(change.password()).toCharArray()), at);
    }
    // One entry per kind of change, so that the audit view can filter by it. The sockets of the
    // tokens ended here are closed by the next sweep on every instance.
    String ended = o.tokenGeneration() != generation ? "; tokens issued before ended" : "";
    if (change.displayName() != null && !change.displayName().equals(nameBefore)) {
      audit.record(
          at,
          actor,
          AuditLog.OPERATOR_RENAMED,
          username,
          null,
          "display name '" + nameBefore + "' -> '" + o.displayName() + "'");
    }
    if (o.role() != roleBefore) {
      audit.record(
          at,
          actor,
          AuditLog.OPERATOR_ROLE_CHANGED,
          username,
          null,
          "role " + roleBefore.wire() + " -> " + o.role().wire() + ended);
    }
    if (o.disabled() != disabledBefore) {
      audit.record(
          at,
          actor,
          o.disabled() ? AuditLog.OPERATOR_DISABLED : AuditLog.OPERATOR_ENABLED,
          username,
          null,
          (o.disabled() ? "disabled" : "enabled again") + ended);
    }
    if (change.password() != null) {
      audit.record(
          at, actor, AuditLog.OPERATOR_PASSWORD_RESET, username, null, "password set" + ended);
    }
    // Tokens ended here are refused here at once; elsewhere within Denylist.REFRESH.
    denylist.operatorChanged(
        username, new RevocationFeed.OperatorState(o.disabled(), o.tokenGeneration()));
    return Views.operator(o);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<OperatorView> list() {
    return operators.all().stream().map(Views::operator).toList();
  }

  /** User names are lower-case: {@code [a-z0-9][a-z0-9._-]{1,63}} (the schema checks it too). */
  static String username(String raw) {
    String name = raw.strip().toLowerCase(java.util.Locale.ROOT);
    if (!name.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
      throw new InvalidInputException(
          "username",
          "username must be 2..64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
    }
    return name;
  }

  static String password(String pw) {
    if (pw.length() < GatewayConfig.MIN_PASSWORD_LENGTH || pw.length() > 1024) {
      throw new InvalidInputException(
          "password",
          "password must be "
              + GatewayConfig.MIN_PASSWORD_LENGTH
              + "..1024 characters (a passphrase is easiest)");
    }
    return pw;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
