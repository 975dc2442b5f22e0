package org.supportinbox.gateway.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.supportinbox.gateway.config.GatewayConfig;

/** The application's one {@link PasswordHasher}, with {@code PASSWORD_ITERATIONS}. */
@ApplicationScoped
public class PasswordHashing {

  @Inject GatewayConfig config;

  /** One for the application: its decoy hash costs one hashing to make. */
  @Produces
  @Singleton
  PasswordHasher passwordHasher() {
    return new PasswordHasher(config.passwordIterations());
  }
}
