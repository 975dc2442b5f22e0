/** RabbitMQ: the event publisher with confirms, signatures and the exchange's declaration. */
package org.supportinbox.messaging.infrastructure.rabbitmq;
