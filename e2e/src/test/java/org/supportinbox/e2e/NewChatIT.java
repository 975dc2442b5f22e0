package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "New chat" in the widget ends the old chat on the server too (security review, item 6): the old
 * customer token stops working, so a copy of it (another tab, a shared computer) reads nothing.
 */
class NewChatIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @Test
  void newChatEndsTheOldTokenOnTheServer() {
    String name = "Nia " + UUID.randomUUID().toString().substring(0, 8);
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack).start(name, "", "My parcel is late");
    Browser b = customer.browser();
    String token =
        (String) b.js("return JSON.parse(localStorage.getItem('supportinbox.chat')).token;");
    stack.api(token).get("/customer/conversation").then().statusCode(200);

    b.find("#chat-new").click();
    b.until("the start form after New chat", d -> b.find("#start-form").isDisplayed());

    b.until(
        "the old token refused",
        d -> stack.api(token).get("/customer/conversation").statusCode() == 401);
    assertThat(b.js("return localStorage.getItem('supportinbox.chat');")).isNull();
  }
}
