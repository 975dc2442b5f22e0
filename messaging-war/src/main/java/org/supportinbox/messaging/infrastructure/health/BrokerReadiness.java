package org.supportinbox.messaging.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.supportinbox.messaging.infrastructure.outbox.OutboxRelay;
import org.supportinbox.messaging.infrastructure.rabbitmq.RabbitMqEventPublisher;

/**
 * Up while the relay is connected to RabbitMQ. Down does not stop the API: messages are still
 * accepted and wait in the outbox, but events are late, which operators should know.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Inject RabbitMqEventPublisher publisher;

  @Inject OutboxRelay relay;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("broker");
    String problem = relay.problem();
    if (publisher.isConnected() && problem == null) {
      return response.up().build();
    }
    return response
        .down()
        .withData("error", problem == null ? "not connected yet" : problem)
        .build();
  }
}
