package org.supportinbox.gateway.application;

import org.supportinbox.contracts.rest.AuditEntryView;
import org.supportinbox.contracts.rest.OperatorView;
import org.supportinbox.gateway.domain.AuditEntry;
import org.supportinbox.gateway.domain.Operator;

/** Maps entities to the wire views of {@code contracts}. */
final class Views {

  private Views() {}

  static OperatorView operator(Operator o) {
    return new OperatorView(
        o.username(), o.displayName(), o.role().wire(), o.disabled(), o.createdAt(), o.updatedAt());
  }

  static AuditEntryView audit(AuditEntry e) {
    return new AuditEntryView(
        e.id(), e.at(), e.actor(), e.action(), e.subject(), e.client(), e.detail());
  }
}
