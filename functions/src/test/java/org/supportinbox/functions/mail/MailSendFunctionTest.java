package org.supportinbox.functions.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.supportinbox.contracts.events.EmailDeliveryChanged;
import org.supportinbox.contracts.rest.EmailDeliveryView;
import org.supportinbox.contracts.rest.OutboundEmail;
import org.supportinbox.functions.runtime.EventFunction.Delivery;
import org.supportinbox.functions.runtime.EventFunction.Outcome;
import org.supportinbox.functions.runtime.Json;

/**
 * One process never handles a delivery twice at once: an event handed over again while the first
 * handling waits (here, for messaging's answer to its claim) is done without claiming, since the
 * same worker's claim would be granted again and the mail sent twice.
 */
class MailSendFunctionTest {

  @Test
  void anEventHandedOverAgainWhileItsDeliveryIsBeingHandledIsNotClaimedTwice() throws Exception {
    UUID message = UUID.randomUUID();
    AtomicInteger claims = new AtomicInteger();
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    // Messaging's claim route, holding its answer until the second event has been handled; then
    // the delivery is already sent (granted false), so nothing goes to SMTP.
    byte[] sent =
        Json.MAPPER.writeValueAsBytes(
            new OutboundEmail(
                message,
                UUID.randomUUID(),
                false,
                120,
                new EmailDeliveryView(
                    "sent",
                    1,
                    null,
                    "x@example.com",
                    Instant.now(),
                    Instant.now(),
                    "email",
                    Instant.now()),
                "ann@example.com",
                "Ann",
                "Bob",
                "Re: hello",
                "text",
                null,
                List.of(),
                "abcdefabcdef",
                List.of()));
    HttpServer messaging =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    messaging.createContext(
        "/email/deliveries/",
        exchange -> {
          claims.incrementAndGet();
          claimed.countDown();
          try {
            answer.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, sent.length);
          exchange.getResponseBody().write(sent);
          exchange.close();
        });
    messaging.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    messaging.start();
    try {
      MailSendFunction function =
          new MailSendFunction(
              new MailMessagingClient(
                  "http://127.0.0.1:" + messaging.getAddress().getPort(),
                  "0123456789abcdef0123456789abcdef-mail",
                  "mail-function#test",
                  Duration.ofSeconds(10)),
              null,
              "example.com",
              1024);
      byte[] event =
          Json.MAPPER.writeValueAsBytes(
              EmailDeliveryChanged.of(
                  UUID.randomUUID(),
                  message,
                  "queued",
                  0,
                  null,
                  Instant.now(),
                  "email",
                  Instant.now()));
      Delivery delivery = new Delivery(EmailDeliveryChanged.TYPE, null, event, 1, false);
      CompletableFuture<Outcome> first =
          CompletableFuture.supplyAsync(() -> function.handle(delivery, null));
      assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

      Outcome second = function.handle(delivery, null);
      answer.countDown();

      assertThat(second).isEqualTo(new Outcome.Done("handled_here"));
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome.Done("already_sent"));
      assertThat(claims.get()).isEqualTo(1);
      // Once the first handling is over, the delivery may be handled again (a later event).
      assertThat(function.handle(delivery, null)).isEqualTo(new Outcome.Done("already_sent"));
      assertThat(claims.get()).isEqualTo(2);
      assertThat(new String(event, StandardCharsets.UTF_8)).contains(message.toString());
    } finally {
      messaging.stop(0);
    }
  }
}
