package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.supportinbox.contracts.rest.TeamMember;
import org.supportinbox.gateway.domain.Operator;
import org.supportinbox.gateway.domain.OperatorRepository;
import org.supportinbox.platform.InvalidInputException;

/**
 * The team as every operator sees it: the active accounts, to assign conversations to and to show
 * names for user names. The gateway owns the accounts, so it is the one that can tell whether an
 * assignee exists and is active.
 */
@ApplicationScoped
public class Team {

  @Inject OperatorRepository operators;

  /** Active accounts, by user name. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<TeamMember> members() {
    return operators.all().stream()
        .filter(o -> !o.disabled())
        .map(o -> new TeamMember(o.username(), o.displayName()))
        .toList();
  }

  /**
   * Throws {@code 400 invalid_field} ({@code assignee}) unless {@code username} is an active
   * account.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public void requireAssignable(String username) {
    Operator operator = operators.find(username);
    if (operator == null) {
      throw new InvalidInputException("assignee", "no operator is named '" + username + "'");
    }
    if (operator.disabled()) {
      throw new InvalidInputException(
          "assignee", "'" + username + "' is disabled: conversations go to active operators only");
    }
  }
}
