package org.supportinbox.gateway.domain;

import java.util.List;

/** Operator accounts (the port; {@code infrastructure.jpa.JpaOperatorRepository} stores them). */
public interface OperatorRepository {

  /** The account, or null. */
  Operator find(String username);

  /** The account, its row locked until the transaction ends, or null. */
  Operator findForUpdate(String username);

  long count();

  /** Active (not disabled) accounts with the admin role. */
  long activeAdmins();

  /** Every account, by user name. */
  List<Operator> all();

  void add(Operator operator);
}
