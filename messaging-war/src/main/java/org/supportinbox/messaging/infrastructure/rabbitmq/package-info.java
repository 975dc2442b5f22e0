/** RabbitMQ: the publisher with confirms and the relay that drains the outbox into it. */
package org.supportinbox.messaging.infrastructure.rabbitmq;
