package org.supportinbox.platform;

import java.security.Principal;
import org.supportinbox.auth.Caller;

/** The principal {@link BearerAuthFilter} puts in the security context. */
public record CallerPrincipal(Caller caller) implements Principal {

  @Override
  public String getName() {
    return caller.subject();
  }

  /** The caller of the current request (the filter has run: resource methods always have one). */
  public static Caller of(jakarta.ws.rs.core.SecurityContext context) {
    return ((CallerPrincipal) context.getUserPrincipal()).caller();
  }
}
