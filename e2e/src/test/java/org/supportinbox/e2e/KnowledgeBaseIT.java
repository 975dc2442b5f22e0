package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.GatewayUnderTest;

/**
 * The knowledge base in the real UI. The operator opens the screen from the top bar (its empty
 * state first), writes an article with the keyboard only (a language the server refuses is shown by
 * its field first; Markdown and a {@code <script>} in the text stay text), adds a second with a
 * long title, edits the first, finds it by its title and by a tag's button; at 420 px nothing is
 * wider than the window. An admin, in another browser, deletes the second after a confirmation
 * (Keep first), and the operator, who has no Delete button, sees it gone after a reload.
 */
class KnowledgeBaseIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static final String BODY =
      "# Refunds\n\nWe refund **within 30 days** of delivery.\n\n- Card: 3 to 5 working days\n"
          + "- PayPal: 1 day\n\n<script>alert('not run')</script>";

  private static final String LONG_TITLE =
      "Returns from outside the European Union, customs paperwork and who pays the return"
          + " shipping when the parcel was refused at the door";

  @Test
  void anOperatorWritesEditsAndFindsArticlesAndAnAdminDeletesOne() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    Browser b = operator.browser();
    String suffix = UUID.randomUUID().toString().substring(0, 6);

    // --- the screen, empty
    b.find("#kb-open").click();
    b.until("the knowledge-base screen", d -> b.find("#kb-view").isDisplayed());
    assertThat(b.find(".workspace").isDisplayed()).isFalse();
    assertThat(b.find("#kb-open").getDomAttribute("aria-pressed")).isEqualTo("true");
    b.until("its empty state", d -> b.find("#kb-empty").isDisplayed());
    assertThat(b.find("#kb-empty").getText()).contains("no articles yet");
    b.screenshot("knowledge-base-empty.png");

    // --- an article, keyboard only; the refused language shown by its field first
    String title = "Refund policy " + suffix;
    b.find("#kb-title").click();
    active(b).sendKeys(title, Keys.TAB);
    assertThat(activeId(b)).isEqualTo("kb-body");
    active(b).sendKeys(BODY, Keys.TAB); // Enter in the text is a new line, not a submit
    // Tab from the text lands in Tags (past the hint, which is no control).
    assertThat(activeId(b)).isEqualTo("kb-tags");
    active(b).sendKeys("Billing, refunds, billing", Keys.TAB, "xx", Keys.ENTER);
    b.until("the language's error", d -> b.find("#kb-language-error").isDisplayed());
    assertThat(b.find("#kb-language-error").getText()).contains("ISO 639-1");
    assertThat(b.find("#kb-language").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(activeId(b)).isEqualTo("kb-language");
    assertThat(articles(b)).isEmpty();
    active(b).sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, "en", Keys.ENTER);
    WebElement first = awaitArticle(b, title);
    assertThat(OperatorPage.text(first, ".kb-article-body")).isEqualTo(BODY);
    assertThat(b.findAll("#kb-list script")).as("the text is never markup").isEmpty();
    assertThat(tags(first)).containsExactly("billing", "refunds");
    assertThat(OperatorPage.text(first, ".kb-language")).isEqualTo("EN");
    assertThat(OperatorPage.text(first, ".saved-reply-meta")).contains(E2eStack.OPERATOR_NAME);
    assertThat(first.findElements(By.cssSelector(".kb-delete")))
        .as("only admins get a Delete button")
        .isEmpty();
    assertThat(activeId(b)).as("ready for the next one").isEqualTo("kb-title");

    // --- a second, with a long title and a tag of its own
    String longTitle = LONG_TITLE + " " + suffix;
    active(b)
        .sendKeys(
            longTitle,
            Keys.TAB,
            "Customs forms are on the carrier's site. The customer pays the return shipping.",
            Keys.TAB,
            "returns, customs",
            Keys.ENTER);
    awaitArticle(b, longTitle);
    b.screenshot("knowledge-base.png");

    // --- the first edited
    first = awaitArticle(b, title);
    first.findElement(By.cssSelector(".kb-edit")).sendKeys(Keys.ENTER);
    b.until(
        "the form in edit mode", d -> "Change article".equals(b.find("#kb-form-title").getText()));
    assertThat(activeId(b)).isEqualTo("kb-title");
    assertThat(b.find("#kb-body").getDomProperty("value")).isEqualTo(BODY);
    assertThat(b.find("#kb-tags").getDomProperty("value")).isEqualTo("billing, refunds");
    active(b).sendKeys(Keys.END, " (EU)", Keys.ENTER);
    WebElement edited = awaitArticle(b, title + " (EU)");
    assertThat(OperatorPage.text(edited, ".saved-reply-meta")).startsWith("Changed by");
    assertThat(b.find("#kb-saved").getText()).contains("Saved");
    assertThat(b.find("#kb-form-title").getText()).isEqualTo("New article");

    // --- found by its title, then by a tag
    WebElement filter = b.find("#kb-filter");
    filter.click();
    filter.sendKeys("policy " + suffix);
    b.until("only the first", d -> titles(b).equals(List.of(title + " (EU)")));
    filter.sendKeys(" nothing");
    b.until("nothing found", d -> b.find("#kb-empty").isDisplayed());
    assertThat(b.find("#kb-empty").getText()).contains("No article matches");
    filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    b.until("both again", d -> titles(b).containsAll(List.of(title + " (EU)", longTitle)));
    WebElement customs =
        awaitArticle(b, longTitle).findElement(By.xpath(".//button[text()='customs']"));
    customs.sendKeys(Keys.ENTER);
    b.until("only the second", d -> titles(b).equals(List.of(longTitle)));
    assertThat(b.find("#kb-tag-filter").getText()).contains("customs");
    b.screenshot("knowledge-base-tag.png");
    narrow(
        b,
        () -> {
          b.screenshot("knowledge-base-narrow.png");
          assertThat(
                  b.js(
                      "const d = document.documentElement;"
                          + " return [d.scrollWidth <= innerWidth, d.scrollHeight <= innerHeight];"))
              .as("the page itself neither wider nor taller than the window (the screen scrolls)")
              .isEqualTo(List.of(true, true));
          b.js("document.getElementById('kb-list').scrollIntoView()");
          b.screenshot("knowledge-base-narrow-list.png");
        });
    b.find("#kb-tag-filter").sendKeys(Keys.ENTER);
    b.until("the tag filter gone", d -> !b.find("#kb-tag-filter").isDisplayed());

    // --- an admin deletes the second, after a Keep
    OperatorPage adminWindow = new OperatorPage(browsers.customer(), stack).open();
    adminWindow.logIn(GatewayUnderTest.ADMIN, stack.system.adminPassword);
    Browser a = adminWindow.browser();
    a.find("#kb-open").click();
    WebElement doomed = awaitArticle(a, longTitle);
    doomed.findElement(By.cssSelector(".kb-delete")).sendKeys(Keys.ENTER);
    a.until("the confirmation", d -> !a.findAll("#kb-list .saved-reply-confirm").isEmpty());
    assertThat(activeId(a)).startsWith("kb-confirm-");
    a.screenshot("knowledge-base-confirm.png");
    a.find("#kb-list .saved-reply-confirm .ghost").sendKeys(Keys.ENTER);
    a.until("kept", d -> a.findAll("#kb-list .saved-reply-confirm").isEmpty());
    assertThat(titles(a)).contains(longTitle);
    awaitArticle(a, longTitle).findElement(By.cssSelector(".kb-delete")).sendKeys(Keys.ENTER);
    a.until("the confirmation", d -> !a.findAll("#kb-list .saved-reply-confirm").isEmpty());
    active(a).sendKeys(Keys.ENTER);
    a.until("deleted", d -> !titles(a).contains(longTitle));
    assertThat(a.find("#kb-saved").getText()).contains("Deleted");
    assertThat(titles(a)).contains(title + " (EU)");

    // The operator's list, loaded again (the filter's Enter), has it no more.
    filter.click();
    filter.sendKeys(Keys.ENTER);
    b.until("gone for the operator too", d -> !titles(b).contains(longTitle));

    b.find("#kb-back").click();
    b.until("the inbox again", d -> b.find(".workspace").isDisplayed());
    assertThat(b.find("#kb-view").isDisplayed()).isFalse();
  }

  private static String activeId(Browser b) {
    return (String) b.js("return document.activeElement && document.activeElement.id");
  }

  private static WebElement active(Browser b) {
    return b.driver().switchTo().activeElement();
  }

  private static List<WebElement> articles(Browser b) {
    return b.findAll("#kb-list .kb-article");
  }

  private static List<String> titles(Browser b) {
    return articles(b).stream().map(e -> OperatorPage.text(e, ".kb-article-title")).toList();
  }

  private static List<String> tags(WebElement article) {
    return article.findElements(By.cssSelector(".kb-tag")).stream()
        .map(t -> t.getDomProperty("textContent").strip())
        .toList();
  }

  private static WebElement awaitArticle(Browser b, String title) {
    return b.until(
        "“" + title + "” in the list",
        d ->
            articles(b).stream()
                .filter(e -> OperatorPage.text(e, ".kb-article-title").equals(title))
                .findFirst()
                .orElse(null));
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
