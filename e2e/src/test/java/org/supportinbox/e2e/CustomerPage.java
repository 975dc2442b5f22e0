package org.supportinbox.e2e;

import java.util.List;
import org.openqa.selenium.WebElement;

/** The customer chat ({@code /chat.html}) through the DOM contract of issue 5 only. */
final class CustomerPage {

  private final Browser b;
  private final E2eStack stack;

  CustomerPage(Browser browser, E2eStack stack) {
    this.b = browser;
    this.stack = stack;
  }

  Browser browser() {
    return b;
  }

  /**
   * Opens the chat page with a clean slate (the customer's session of an earlier test is
   * forgotten), fills the start form and submits it; returns once the chat shows.
   */
  CustomerPage start(String name, String email, String message) {
    openStartForm();
    b.find("#start-name").sendKeys(name);
    b.find("#start-email").sendKeys(email);
    b.find("#start-message").sendKeys(message);
    b.find("#start-submit").click();
    b.until("the chat after starting", d -> b.find("#chat").isDisplayed());
    awaitMessage("customer", message);
    return this;
  }

  /** Opens the chat page with a clean slate (no stored customer session): the start form. */
  CustomerPage openStartForm() {
    b.get(stack.customerUrl("/chat.html"));
    b.js("sessionStorage.clear(); localStorage.clear();");
    b.get(stack.customerUrl("/chat.html"));
    b.until("the start form", d -> b.find("#start-form").isDisplayed());
    return this;
  }

  List<WebElement> messages() {
    return b.findAll("#chat #messages .message");
  }

  /** Waits for a message by {@code sender} whose content is exactly {@code content}. */
  WebElement awaitMessage(String sender, String content) {
    return b.until(
        sender + " message \"" + content + "\" in the chat",
        d -> {
          for (WebElement m :
              b.findAll("#chat #messages .message[data-sender=\"" + sender + "\"]")) {
            if (content.equals(OperatorPage.contentOf(m))) {
              return m;
            }
          }
          return null;
        });
  }

  void send(String text) {
    WebElement c = b.find("#composer");
    c.clear();
    c.sendKeys(text);
    b.find("#send").click();
    awaitMessage("customer", text);
  }

  String connection() {
    return b.find("#connection").getDomAttribute("data-state");
  }
}
