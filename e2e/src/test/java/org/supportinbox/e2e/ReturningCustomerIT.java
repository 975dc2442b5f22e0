package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.JsonWire;

/**
 * A returning customer in the real UI: the operator opens a customer's new conversation and sees
 * the earlier one with the same email under the header, and opens it with the keyboard; a customer
 * without an email shows no such row.
 */
class ReturningCustomerIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static String start(String name, String email, String content) {
    Map<String, Object> body =
        email == null
            ? Map.of("name", name, "content", content)
            : Map.of("name", name, "email", email, "content", content);
    return stack
        .api()
        .body(JsonWire.write(body))
        .post("/customer/conversations")
        .then()
        .statusCode(201)
        .extract()
        .path("conversation_id");
  }

  @Test
  void earlierConversationsOfTheSameEmailAreOneKeyAway() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String name = "Rosa " + suffix;
    String email = "rosa." + suffix + "@example.com";
    String earlier = start(name, email, "My invoice from March is wrong.");
    String latest = start(name, email.toUpperCase(), "Hello again, a new question about delivery.");
    String anonymous = start("Anon " + suffix, null, "No email from me.");

    OperatorPage page = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    page.awaitConversationNamed(name);
    page.select(latest);
    WebElement related = page.browser().find("#related");
    page.browser().until("the earlier conversation shown", d -> related.isDisplayed());
    assertThat(page.browser().find("#related-heading").getText())
        .isEqualTo("1 earlier conversation with " + email.toUpperCase());
    WebElement item = page.browser().find("#related-list .related-item");
    assertThat(item.getText()).contains("My invoice from March is wrong.");
    page.browser().screenshot("related-conversations.png");

    page.browser().driver().manage().window().setSize(new Dimension(420, 860));
    assertThat(
            (Boolean)
                page.browser()
                    .js("return document.documentElement.scrollWidth > window.innerWidth;"))
        .as("horizontal overflow at 420 px")
        .isFalse();
    page.browser().screenshot("related-conversations-narrow.png");
    page.browser().driver().manage().window().setSize(new Dimension(1366, 900));

    // Keyboard: focus the item, Enter opens the earlier conversation.
    page.browser().js("arguments[0].focus();", item);
    item.sendKeys(Keys.ENTER);
    page.awaitMessage("customer", "My invoice from March is wrong.");
    page.browser().until("the earlier one open", d -> d.getCurrentUrl().endsWith("#" + earlier));
    // From the earlier one, the later one is the customer's other conversation.
    page.browser()
        .until(
            "the later one listed",
            d -> {
              var items = page.browser().findAll("#related-list .related-item");
              return items.size() == 1 && items.get(0).getText().contains("a new question");
            });

    page.awaitConversationNamed("Anon " + suffix);
    page.select(anonymous);
    page.awaitMessage("customer", "No email from me.");
    assertThat(page.browser().find("#related").isDisplayed()).isFalse();
  }
}
