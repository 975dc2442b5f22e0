package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.JsonWire;

/**
 * Search in the real UI, keyboard only: the operator types a word that only a note in a long thread
 * holds, moves to the hit with the arrow keys, opens it with Enter, and the thread opens scrolled
 * to that note (in view although older messages and newer ones fill the thread), the word marked;
 * Escape brings the conversation list back.
 */
class SearchIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static String post(String token, String conversation, String content, boolean note) {
    return stack
        .api(token)
        .body(
            JsonWire.write(
                Map.of("conversation_id", conversation, "content", content, "internal", note)))
        .post("/messages")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void aSearchFindsANoteAndOpensTheThreadAtIt() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    String name = "Sasha " + UUID.randomUUID().toString().substring(0, 8);
    new CustomerPage(browsers.customer(), stack)
        .start(name, "sasha@example.com", "My blender stopped working");
    String conversation = operator.awaitConversationNamed(name);
    String token = stack.operatorToken();
    for (int i = 0; i < 12; i++) {
      post(token, conversation, "Checking step " + i + " of the troubleshooting guide.", false);
    }
    String word = "warranty" + UUID.randomUUID().toString().substring(0, 6).replace('-', 'x');
    String note =
        "Bought in March; the "
            + word
            + " case number is on the invoice. A long note that goes on to say what the team"
            + " agreed with the customer so far, to see how a long snippet is cut in the list.";
    String noteId = post(token, conversation, note, true);
    for (int i = 0; i < 12; i++) {
      post(token, conversation, "Follow-up " + i + ": any news?", false);
    }

    WebElement input = operator.browser().find("#search-input");
    input.click();
    input.sendKeys(word, Keys.ENTER);
    WebElement hit =
        operator
            .browser()
            .until(
                "a search hit",
                d -> {
                  List<WebElement> hits =
                      operator.browser().findAll("#search-results .conversation-item");
                  return hits.size() == 1 ? hits.get(0) : null;
                });
    assertThat(operator.browser().find("#conversation-list").isDisplayed()).isFalse();
    assertThat(hit.findElement(By.cssSelector(".conversation-name")).getText()).isEqualTo(name);
    assertThat(hit.findElement(By.cssSelector(".search-snippet mark")).getText()).isEqualTo(word);
    assertThat(hit.findElement(By.cssSelector(".note-chip")).getText()).isEqualTo("Note");
    assertThat(operator.browser().find("#search-status").getText()).contains("1 result");
    operator.browser().screenshot("search-results.png");

    // Keyboard only: Down moves from the box to the hit, Enter opens it.
    input.sendKeys(Keys.ARROW_DOWN);
    assertThat(
            operator.browser().js("return document.activeElement.dataset.conversationId || null"))
        .isEqualTo(conversation);
    operator.browser().driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    WebElement found =
        operator
            .browser()
            .until(
                "the note outlined",
                d -> {
                  List<WebElement> f = operator.browser().findAll("#messages .message.found");
                  return f.size() == 1 ? f.get(0) : null;
                });
    assertThat(found.getDomAttribute("data-message-id")).isEqualTo(noteId);
    assertThat(found.findElement(By.cssSelector(".message-content mark")).getText())
        .isEqualTo(word);
    assertThat(OperatorPage.contentOf(found)).isEqualTo(note);
    assertThat(
            (Boolean)
                operator
                    .browser()
                    .js(
                        "const m = arguments[0].getBoundingClientRect();"
                            + " const v = document.getElementById('messages')"
                            + ".getBoundingClientRect();"
                            + " return m.top >= v.top - 1 && m.top < v.bottom"
                            + " && v.bottom - v.top < document.getElementById('messages')"
                            + ".scrollHeight;",
                        found))
        .as("the note is in view in a thread taller than its view")
        .isTrue();
    operator.browser().screenshot("search-opened.png");

    operator.browser().driver().manage().window().setSize(new Dimension(420, 860));
    operator.browser().screenshot("search-narrow.png");
    operator.browser().driver().manage().window().setSize(new Dimension(1366, 900));

    // Escape in the box clears it and brings the list back.
    input.click();
    input.sendKeys(Keys.ESCAPE);
    operator
        .browser()
        .until("the list back", d -> operator.browser().find("#conversation-list").isDisplayed());
    assertThat(input.getDomProperty("value")).isEmpty();

    // Nothing found says so.
    input.sendKeys("nosuchword" + UUID.randomUUID().toString().substring(0, 8), Keys.ENTER);
    operator
        .browser()
        .until(
            "an empty result",
            d -> operator.browser().find("#search-status").getText().startsWith("Nothing found"));
    operator.browser().screenshot("search-empty.png");
  }
}
