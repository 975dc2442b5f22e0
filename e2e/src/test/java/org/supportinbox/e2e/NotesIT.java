package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Internal notes in the real UI: the operator turns the composer into a note (keyboard only: Tab to
 * the Note toggle, Space), the composer looks different and says so, the note is shown in the
 * thread as an internal note, and the customer's chat page never shows it, while the reply written
 * right after reaches it.
 */
class NotesIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @Test
  void aNoteIsShownToTheTeamAndNeverOnTheCustomersPage() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    String name = "Nell " + UUID.randomUUID().toString().substring(0, 8);
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack)
            .start(name, "nell@example.com", "Is my order shipped?");
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    operator.awaitMessage("customer", "Is my order shipped?");

    // Keyboard only: from the composer, Shift+Tab reaches the Note toggle; Space presses it.
    WebElement composer = operator.composer();
    composer.click();
    composer.sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
    WebElement toggle = operator.browser().find("#note-toggle");
    assertThat(operator.browser().js("return document.activeElement.id")).isEqualTo("note-toggle");
    toggle.sendKeys(Keys.SPACE);
    operator
        .browser()
        .until("note mode", d -> "true".equals(toggle.getDomAttribute("aria-pressed")));
    assertThat(operator.browser().find("#composer-bar").getDomAttribute("class"))
        .contains("note-mode");
    assertThat(operator.browser().find("#note-hint").isDisplayed()).isTrue();
    assertThat(operator.browser().find("#send").getText()).isEqualTo("Add note");
    assertThat(operator.browser().js("return document.activeElement.id")).isEqualTo("composer");

    String note = "Customer is a VIP: ship express at our cost";
    operator.composer().sendKeys(note, Keys.ENTER);
    String noteId = operator.awaitSent(note);
    WebElement shown = operator.message(noteId);
    assertThat(shown.getDomAttribute("class")).contains("note");
    assertThat(shown.findElement(By.cssSelector(".message-badge")).isDisplayed()).isTrue();
    assertThat(shown.findElements(By.cssSelector(".ai-panel"))).isEmpty();
    operator.browser().screenshot("operator-note.png");

    // Back to a reply; it reaches the customer, the note never does.
    toggle.click();
    operator
        .browser()
        .until("reply mode", d -> "false".equals(toggle.getDomAttribute("aria-pressed")));
    operator.reply("It ships today.");
    operator.awaitSent("It ships today.");
    customer.awaitMessage("operator", "It ships today.");
    assertThat(customer.messages()).extracting(OperatorPage::contentOf).doesNotContain(note);
    customer.browser().get(stack.customerUrl("/chat.html")); // a reload reads the REST view
    customer.awaitMessage("operator", "It ships today.");
    assertThat(customer.messages()).extracting(OperatorPage::contentOf).doesNotContain(note);
    assertThat((String) customer.browser().js("return document.documentElement.outerHTML"))
        .doesNotContain(note);
    customer.browser().screenshot("customer-after-note.png");
  }
}
