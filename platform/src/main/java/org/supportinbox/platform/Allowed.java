package org.supportinbox.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token roles that may call a resource method (on the method, or on its class). Our own
 * annotation rather than {@code @RolesAllowed}: Payara binds that one to its container login, which
 * knows nothing of our HS256 tokens.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Allowed {
  String[] value();
}
