package org.supportinbox.gateway.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.supportinbox.gateway.infrastructure.rabbitmq.RabbitMqEventSubscriber;

/** Up while the fan-out subscription's broker connection is open (sockets get events). */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Inject RabbitMqEventSubscriber subscriber;

  @Override
  public HealthCheckResponse call() {
    return subscriber.isConnected()
        ? HealthCheckResponse.up("broker")
        : HealthCheckResponse.named("broker").down().withData("error", "not connected").build();
  }
}
