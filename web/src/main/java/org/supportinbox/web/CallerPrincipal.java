package org.supportinbox.messaging.api.rest;

import java.security.Principal;
import org.supportinbox.messaging.infrastructure.security.Caller;

/** The principal {@link BearerAuthFilter} puts in the security context. */
record CallerPrincipal(Caller caller) implements Principal {

  @Override
  public String getName() {
    return caller.subject();
  }

  static Caller of(jakarta.ws.rs.core.SecurityContext context) {
    return ((CallerPrincipal) context.getUserPrincipal()).caller();
  }
}
