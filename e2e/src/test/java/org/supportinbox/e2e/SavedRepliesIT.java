package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Saved replies in the real UI. With the library empty, "/" in the composer opens the picker's
 * empty state (saying how to add one) and the settings screen says there are none. The operator
 * adds two replies in the settings screen (a shortcut the server refuses is shown by its field
 * first), opens a new conversation and, with the keyboard only, types "/" and part of the shortcut,
 * moves with the arrows, inserts with Enter: the composer holds the body with the customer's and
 * the operator's names filled in. The operator edits it and sends it, and the customer's chat page
 * shows it.
 */
class SavedRepliesIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static final String BODY =
      "Hi {{customer.name}}, your refund is on its way: 3 to 5 working days. Best,"
          + " {{operator.name}}. Ref {{order.number}}";

  private static final String LONG_TITLE =
      "Refund policy in full, for customers who ask why their refund takes longer than a week"
          + " to arrive";

  private static final String LONG_BODY =
      "Hello {{customer.name}},\n\nthank you for your patience. Refunds go back to the card or"
          + " account you paid with. Banks take 3 to 5 working days to show them, some up to 10;"
          + " PayPal is usually faster. If nothing arrived after 10 working days, answer this"
          + " message with your bank statement and we will chase it with our payment provider"
          + " right away.\n\nKind regards,\n{{operator.name}}";

  @Test
  void anOperatorAddsASavedReplyAndInsertsItWithTheKeyboardOnly() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    Browser b = operator.browser();
    String suffix = UUID.randomUUID().toString().substring(0, 6);

    // --- the empty library: the picker and the settings screen say so
    String first = "Pia " + suffix;
    new CustomerPage(browsers.customer(), stack).start(first, "pia@example.com", "Hello?");
    operator.select(operator.awaitConversationNamed(first));
    operator.awaitMessage("customer", "Hello?");
    WebElement composer = operator.composer();
    b.until("the composer has the focus", d -> "composer".equals(activeId(b)));
    active(b).sendKeys("/");
    WebElement picker = b.find("#reply-picker");
    // "Loading saved replies…" first, then the empty state: wait for the second.
    b.until(
        "the picker's empty state",
        d ->
            b.find("#reply-picker-message").isDisplayed()
                && b.find("#reply-picker-message").getText().contains("no saved replies"));
    assertThat(composer.getDomAttribute("aria-expanded")).isEqualTo("true");
    assertThat(b.find("#reply-picker-message").getText())
        .contains("no saved replies")
        .contains("Saved replies");
    assertThat(picker.isDisplayed()).isTrue();
    b.screenshot("saved-replies-picker-empty.png");
    active(b).sendKeys(Keys.ESCAPE);
    b.until("the picker closed", d -> !picker.isDisplayed());
    assertThat(composer.getDomAttribute("aria-expanded")).isEqualTo("false");
    assertThat(operator.composerValue()).isEqualTo("/");
    active(b).sendKeys(Keys.BACK_SPACE);

    b.find("#saved-replies-open").click();
    b.until("the settings screen", d -> b.find("#saved-replies-view").isDisplayed());
    assertThat(b.find(".workspace").isDisplayed()).isFalse();
    b.until(
        "its empty state",
        d ->
            b.find("#saved-replies-empty").isDisplayed()
                && b.find("#saved-replies-empty").getText().contains("no saved replies"));
    assertThat(b.find("#saved-replies-empty").getText()).contains("no saved replies");
    b.screenshot("saved-replies-settings-empty.png");

    // --- two replies; a shortcut the server refuses is shown by its field
    String shortcut = "refund" + suffix;
    fill(b, "Refund on its way", "Bad shortcut!", BODY);
    b.until("the shortcut's error", d -> b.find("#saved-reply-shortcut-error").isDisplayed());
    assertThat(b.find("#saved-reply-shortcut-error").getText()).contains("must be 1..32");
    assertThat(b.find("#saved-reply-shortcut").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(activeId(b)).isEqualTo("saved-reply-shortcut");
    assertThat(b.findAll("#saved-replies-list .saved-reply")).isEmpty();
    WebElement shortcutField = b.find("#saved-reply-shortcut");
    shortcutField.clear();
    shortcutField.sendKeys("/" + shortcut.toUpperCase(java.util.Locale.ROOT)); // as people type it
    b.find("#saved-reply-save").click();
    awaitListed(b, shortcut);
    assertThat(b.find("#saved-reply-shortcut-error").isDisplayed()).isFalse();
    fill(b, LONG_TITLE, shortcut + "-policy", LONG_BODY);
    awaitListed(b, shortcut + "-policy");
    WebElement added = item(b, shortcut);
    assertThat(OperatorPage.text(added, ".saved-reply-meta")).contains(E2eStack.OPERATOR_NAME);
    assertThat(added.findElements(org.openqa.selenium.By.cssSelector(".saved-reply-delete")))
        .as("only admins get a Delete button")
        .isEmpty();
    b.screenshot("saved-replies-settings.png");
    assertThat(b.find("#saved-replies-open").getDomAttribute("aria-pressed")).isEqualTo("true");
    narrow(
        b,
        () -> {
          b.screenshot("saved-replies-settings-narrow.png");
          assertThat(
                  b.js(
                      "const d = document.documentElement;"
                          + " return [d.scrollWidth <= innerWidth, d.scrollHeight <= innerHeight];"))
              .as("the page itself neither wider nor taller than the window (the screen scrolls)")
              .isEqualTo(List.of(true, true));
          b.js("document.getElementById('saved-replies-list').scrollIntoView()");
          b.screenshot("saved-replies-settings-narrow-list.png");
        });

    // --- a new conversation; the reply chosen with the keyboard only
    b.find("#saved-replies-back").click();
    b.until("the inbox again", d -> b.find(".workspace").isDisplayed());
    String name = "Rosa " + suffix;
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack)
            .start(name, "rosa@example.com", "Where is my refund?");
    operator.select(operator.awaitConversationNamed(name));
    operator.awaitMessage("customer", "Where is my refund?");
    b.until("the composer has the focus", d -> "composer".equals(activeId(b)));
    active(b).sendKeys("/" + shortcut.substring(0, 8));
    b.until("two options", d -> options(b).size() == 2);
    String firstOption = options(b).get(0).getDomAttribute("id");
    String secondOption = options(b).get(1).getDomAttribute("id");
    assertThat(OperatorPage.text(options(b).get(0), ".picker-shortcut")).isEqualTo("/" + shortcut);
    assertThat(composer.getDomAttribute("aria-activedescendant")).isEqualTo(firstOption);
    assertThat(options(b).get(0).getDomAttribute("aria-selected")).isEqualTo("true");
    active(b).sendKeys(Keys.ARROW_DOWN);
    b.until(
        "the second option active",
        d -> secondOption.equals(composer.getDomAttribute("aria-activedescendant")));
    assertThat(options(b).get(1).getDomAttribute("aria-selected")).isEqualTo("true");
    active(b).sendKeys(Keys.ARROW_UP);
    b.until(
        "the first option active again",
        d -> firstOption.equals(composer.getDomAttribute("aria-activedescendant")));
    b.screenshot("saved-replies-picker.png");
    narrow(b, () -> b.screenshot("saved-replies-picker-narrow.png"));
    active(b).sendKeys(Keys.ENTER);

    String filled =
        "Hi "
            + name
            + ", your refund is on its way: 3 to 5 working days. Best, "
            + E2eStack.OPERATOR_NAME
            + ". Ref {{order.number}}";
    b.until("the filled reply in the composer", d -> filled.equals(operator.composerValue()));
    assertThat(picker.isDisplayed()).isFalse();
    assertThat(operator.messages()).hasSize(1); // Enter inserted; it did not send
    assertThat(activeId(b)).isEqualTo("composer");

    // Edited before sending: the unknown placeholder is replaced by hand, then Enter sends.
    for (int i = 0; i < "{{order.number}}".length(); i++) {
      active(b).sendKeys(Keys.BACK_SPACE);
    }
    active(b).sendKeys("4711");
    String sent = filled.replace("{{order.number}}", "4711");
    assertThat(operator.composerValue()).isEqualTo(sent);
    active(b).sendKeys(Keys.ENTER);
    operator.awaitSent(sent);
    customer.awaitMessage("operator", sent);
    customer.browser().screenshot("saved-replies-customer.png");
  }

  private static String activeId(Browser b) {
    return (String) b.js("return document.activeElement && document.activeElement.id");
  }

  private static WebElement active(Browser b) {
    return b.driver().switchTo().activeElement();
  }

  private static List<WebElement> options(Browser b) {
    return b.findAll("#reply-picker-list [role=option]");
  }

  private static WebElement item(Browser b, String shortcut) {
    return b.find("#saved-replies-list .saved-reply[data-shortcut=\"" + shortcut + "\"]");
  }

  private static void awaitListed(Browser b, String shortcut) {
    b.until(
        "/" + shortcut + " in the list",
        d ->
            !b.findAll("#saved-replies-list .saved-reply[data-shortcut=\"" + shortcut + "\"]")
                .isEmpty());
  }

  /** Fills the settings form and saves it. */
  private static void fill(Browser b, String title, String shortcut, String body) {
    WebElement t = b.find("#saved-reply-title");
    t.clear();
    t.sendKeys(title);
    WebElement s = b.find("#saved-reply-shortcut");
    s.clear();
    s.sendKeys(shortcut);
    WebElement text = b.find("#saved-reply-body");
    text.clear();
    text.sendKeys(body);
    b.find("#saved-reply-save").click();
  }

  /** Runs {@code shot} with the window 420 px wide, then puts the size back. */
  private static void narrow(Browser b, Runnable shot) {
    Dimension before = b.driver().manage().window().getSize();
    b.driver().manage().window().setSize(new Dimension(420, 860));
    try {
      shot.run();
    } finally {
      b.driver().manage().window().setSize(before);
    }
  }
}
