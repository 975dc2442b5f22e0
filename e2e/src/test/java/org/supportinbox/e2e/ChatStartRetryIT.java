package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer whose first "Start chat" reached the server but whose answer was lost presses the
 * button again: the chat opens on the conversation the first press started, and operators see one
 * conversation, not two.
 */
class ChatStartRetryIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @Test
  void pressingStartAgainAfterALostAnswerOpensTheSameConversation() {
    CustomerPage customer = new CustomerPage(browsers.customer(), stack).openStartForm();
    Browser b = customer.browser();
    // The first start reaches the gateway, but the page never sees the answer, as when a
    // connection drops after the request went out.
    b.js(
        "const original = window.fetch; let lose = true;"
            + "window.fetch = async (...args) => {"
            + "  const answer = await original(...args);"
            + "  if (lose && String(args[0]).includes('/customer/conversations')) {"
            + "    lose = false; throw new TypeError('Failed to fetch');"
            + "  }"
            + "  return answer;"
            + "};");
    String name = "Rita " + UUID.randomUUID().toString().substring(0, 8);
    String question = "Has my refund for order 5521 been sent?";
    b.find("#start-name").sendKeys(name);
    b.find("#start-message").sendKeys(question);
    b.find("#start-submit").click();
    b.until("the error of the lost answer", d -> b.find("#start-error").isDisplayed());
    assertThat(b.find("#start-error").getText()).contains("could not be reached");

    b.find("#start-submit").click();
    b.until("the chat after the second press", d -> b.find("#chat").isDisplayed());
    customer.awaitMessage("customer", question);

    List<Object> named =
        stack
            .api(stack.adminToken())
            .queryParam("limit", 100)
            .get("/conversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.findAll { it.customer.name == '" + name + "' }.conversation_id");
    assertThat(named).as("conversations of " + name).hasSize(1);
    assertThat(stack.conversation(stack.adminToken(), named.get(0).toString()).getList("messages"))
        .as("messages of the one conversation")
        .hasSize(1);
  }
}
