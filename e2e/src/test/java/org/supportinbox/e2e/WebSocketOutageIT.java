package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * Issue 5, scenario 3: the operator's WebSocket is cut while REST keeps working (the proxy drops
 * the socket and refuses new ones with 503). The page says so, falls back to polling (a customer
 * message sent meanwhile appears, an operator reply goes out), reconnects when the socket is
 * allowed again, and shows every message exactly once.
 */
class WebSocketOutageIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @AfterEach
  void webSocketsBack() {
    stack.operatorProxy.webSocketsUp();
  }

  @Test
  void withoutItsSocketThePagePollsAndAfterReconnectingShowsEachMessageOnce() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    String name = "Erin " + UUID.randomUUID().toString().substring(0, 8);
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack)
            .start(name, "erin@example.com", "Where is my parcel?");
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    operator.awaitMessage("customer", "Where is my parcel?");

    int refusedBefore = stack.operatorProxy.upgradesRefused();
    stack.operatorProxy.webSocketsDown();
    String state = operator.awaitConnection("offline", "polling");
    System.out.println("operator connection after the cut: " + state);

    customer.send("It was due on Monday.");
    operator.awaitMessage("customer", "It was due on Monday.");
    operator.awaitConnection("polling");
    operator.reply("Let me check with the carrier.");
    operator.awaitSent("Let me check with the carrier.");
    customer.awaitMessage("operator", "Let me check with the carrier.");
    assertThat(stack.operatorProxy.upgradesRefused())
        .as("the page tried to reconnect and was refused")
        .isGreaterThan(refusedBefore);

    stack.operatorProxy.webSocketsUp();
    operator.awaitConnection("connected");
    customer.send("Thanks, I will wait.");
    operator.awaitMessage("customer", "Thanks, I will wait.");

    List<String> ids = stack.messageIds(conversation);
    assertThat(ids).hasSize(4);
    operator
        .browser()
        .until(
            "the thread equal to the API's conversation", d -> operator.messageIds().equals(ids));
    assertThat(operator.messages())
        .extracting(m -> m.getDomAttribute("data-state"))
        .containsOnly("sent");
    customer
        .browser()
        .until(
            "the chat equal to the API's conversation",
            d -> customer.messages().size() == ids.size());
    assertThat(customer.messages())
        .extracting(OperatorPage::contentOf)
        .containsExactly(
            "Where is my parcel?",
            "It was due on Monday.",
            "Let me check with the carrier.",
            "Thanks, I will wait.");
    List<WebElement> items =
        operator
            .browser()
            .findAll(
                "#conversation-list .conversation-item[data-conversation-id=\""
                    + conversation
                    + "\"]");
    assertThat(items).as("the conversation listed once").hasSize(1);
  }
}
