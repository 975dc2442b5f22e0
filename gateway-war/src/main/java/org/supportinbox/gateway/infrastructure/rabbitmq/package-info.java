/** RabbitMQ: this instance's own subscription to the events it pushes to browsers. */
package org.supportinbox.gateway.infrastructure.rabbitmq;
