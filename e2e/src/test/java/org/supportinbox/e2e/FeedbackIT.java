package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
import org.supportinbox.testing.GatewayUnderTest;

/**
 * Issue 17, feedback on AI insights in the real UI: the operator uses a suggestion, edits it and
 * sends it (recorded as {@code edited} with its edit ratio), dismisses another, and corrects its
 * intent with the keyboard only through the chip's list; an admin opens "AI quality" and sees the
 * figures the API computes, the correction, an empty range, at 420 px too. The edit ratio function
 * itself is checked in the browser on known pairs.
 */
class FeedbackIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  /** The feedback rows of a message: operator, action, edit ratio, value, model, intent. */
  private static List<List<String>> feedback(String messageId) {
    try (Connection c = stack.system.messaging.database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select operator, action, edit_ratio::text, value, model, intent"
                    + " from ai_feedback where message_id = ?::uuid order by kind")) {
      s.setString(1, messageId);
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= 6; i++) {
            row.add(r.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theEditRatioIsTheNormalisedLevenshteinDistance() {
    // The page, logged in or not: only its module is used.
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).open();
    @SuppressWarnings("unchecked")
    List<Object> got =
        (List<Object>)
            operator
                .browser()
                .driver()
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " import('/js/edit-distance.js').then(m => done(["
                        + " m.editRatio('', ''), m.editRatio('abc', 'abc'),"
                        + " m.editRatio('kitten', 'sitting'), m.editRatio('sitting', 'kitten'),"
                        + " m.editRatio('', 'abc'), m.editRatio('abc', ''),"
                        + " m.editRatio('flaw', 'lawn'), m.editRatio('\\u{1F600}a', 'a'),"
                        + " m.levenshtein('Hello Ann, your refund is on its way.',"
                        + " 'Hello Ann, your refund is on the way!'),"
                        + " m.editRatio('x'.repeat(2000) + 'a', 'x'.repeat(2000) + 'b'),"
                        + " m.editRatio('abc', 'xyz')]), e => done(String(e)))");
    double[] expected = {0, 0, 3.0 / 7, 3.0 / 7, 1, 1, 0.5, 0.5, 4, 1.0 / 2001, 1};
    assertThat(got).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(((Number) got.get(i)).doubleValue())
          .as("case " + i)
          .isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void operatorFeedbackIsRecordedAndAdminsSeeTheFigures() {
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    String name = "Fern " + UUID.randomUUID().toString().substring(0, 8);
    String first = "I was charged twice for my invoice this month";
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack).start(name, "fern@example.com", first);
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    String m1 = operator.awaitMessage("customer", first);
    operator.awaitAiStatus(m1, "available");

    // Use reply, edit, send: recorded as edited, with the ratio of the 27 characters added.
    String suggestion = "Sorry about that, I am checking your invoice now.";
    operator.clickInAiPanel(m1, ".ai-use-reply");
    operator
        .browser()
        .until("the suggestion in the composer", d -> suggestion.equals(operator.composerValue()));
    String added = " It will be refunded today.";
    operator.appendToComposer(added);
    operator.send();
    operator.awaitSent(suggestion + added);
    operator.browser().until("the edited feedback stored", d -> feedback(m1).size() == 1);
    List<String> edited = feedback(m1).get(0);
    assertThat(edited.subList(0, 2)).containsExactly(E2eStack.OPERATOR, "edited");
    double ratio = (double) added.length() / (suggestion + added).length();
    assertThat(Double.parseDouble(edited.get(2))).isCloseTo(ratio, within(1e-4));
    assertThat(edited.get(4)).isEqualTo("phi3:mini");
    assertThat(edited.get(5)).isEqualTo("billing");
    operator
        .browser()
        .until(
            "the panel saying it was sent after edits",
            d ->
                operator
                    .ai(m1, ".ai-feedback-state")
                    .equals("Sent after edits (" + Math.round(ratio * 100) + " % changed)."));

    // A second message: dismissed, then its intent corrected, keyboard only.
    String second = "Also, how do I change my password?";
    customer.send(second);
    String m2 = operator.awaitMessage("customer", second);
    operator.awaitAiStatus(m2, "available");
    WebElement dismiss = operator.aiPanel(m2).findElement(By.cssSelector(".ai-dismiss"));
    operator.browser().js("arguments[0].focus()", dismiss);
    dismiss.sendKeys(Keys.ENTER);
    operator.browser().until("the dismissal stored", d -> feedback(m2).size() == 1);
    assertThat(feedback(m2).get(0).subList(0, 3))
        .containsExactly(E2eStack.OPERATOR, "dismissed", null);
    operator
        .browser()
        .until(
            "the suggestion shown as dismissed",
            d -> operator.ai(m2, ".ai-feedback-state").startsWith("Dismissed"));

    WebElement chip = operator.aiPanel(m2).findElement(By.cssSelector(".ai-intent"));
    assertThat(chip.getTagName()).isEqualTo("button");
    operator.browser().js("arguments[0].focus()", chip);
    chip.sendKeys(Keys.ENTER);
    WebElement list =
        operator
            .browser()
            .until(
                "the list of intents",
                d -> {
                  List<WebElement> l =
                      operator.aiPanel(m2).findElements(By.cssSelector(".ai-correct-list"));
                  return l.isEmpty() ? null : l.get(0);
                });
    assertThat(operator.browser().driver().switchTo().activeElement()).isEqualTo(list);
    assertThat(list.findElements(By.cssSelector("[role=option]"))).hasSize(12);
    assertThat(list.getDomAttribute("aria-activedescendant")).endsWith("-billing");
    list.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_UP);
    assertThat(list.getDomAttribute("aria-activedescendant")).endsWith("-refund");
    operator.browser().screenshot("operator-feedback-picker.png");
    list.sendKeys(
        Keys.END, Keys.HOME, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertThat(list.getDomAttribute("aria-activedescendant")).endsWith("-account_access");
    list.sendKeys(Keys.ENTER);
    try {
      operator.browser().until("the correction stored", d -> feedback(m2).size() == 2);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "no correction; notice: "
              + operator.browser().find("#notice").getDomProperty("textContent")
              + "; console: "
              + operator.browser().console(),
          e);
    }
    assertThat(feedback(m2).get(0))
        .containsExactly(
            E2eStack.OPERATOR, "correct_intent", null, "account_access", "phi3:mini", "billing");
    operator
        .browser()
        .until(
            "the chip shown corrected",
            d ->
                "account_access".equals(operator.ai(m2, ".ai-intent"))
                    && "true"
                        .equals(
                            operator
                                .aiPanel(m2)
                                .findElement(By.cssSelector(".ai-intent"))
                                .getDomAttribute("data-corrected")));
    assertThat(operator.aiPanel(m2).findElements(By.cssSelector(".ai-correct-list"))).isEmpty();
    assertThat(operator.browser().driver().switchTo().activeElement().getDomAttribute("class"))
        .contains("ai-intent");
    operator.browser().screenshot("operator-feedback.png");

    // The admin's screen shows the figures the API computes, and the correction.
    operator.logOut();
    operator.logIn(GatewayUnderTest.ADMIN, stack.system.adminPassword);
    org.openqa.selenium.WebElement open =
        operator
            .browser()
            .until(
                "the AI quality button",
                d -> {
                  WebElement b = operator.browser().find("#ai-quality-open");
                  return b.isDisplayed() ? b : null;
                });
    operator.browser().js("arguments[0].focus()", open);
    open.sendKeys(Keys.ENTER);
    operator
        .browser()
        .until("the figures", d -> operator.browser().find("#ai-quality-results").isDisplayed());
    JsonPath api =
        stack
            .api(stack.adminToken())
            .get("/ai-quality")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> overall = api.getMap("overall");
    assertThat(((Number) overall.get("suggestions")).intValue()).isGreaterThanOrEqualTo(2);
    assertThat(total(operator, "suggestions"))
        .isEqualTo(String.valueOf(overall.get("suggestions")));
    assertThat(total(operator, "edited")).isEqualTo(String.valueOf(overall.get("edited")));
    assertThat(total(operator, "dismissed")).isEqualTo(String.valueOf(overall.get("dismissed")));
    assertThat(total(operator, "acceptance"))
        .isEqualTo(Math.round(((Number) overall.get("acceptance_rate")).doubleValue() * 100) + "%");
    assertThat(operator.browser().findAll("#ai-quality-by-model tbody tr th"))
        .extracting(WebElement::getText)
        .contains("phi3:mini");
    WebElement correction =
        operator
            .browser()
            .find("#ai-quality-corrections .quality-correction[data-message-id=\"" + m2 + "\"]");
    assertThat(correction.getText())
        .contains(second)
        .contains("billing")
        .contains("account_access")
        .contains(E2eStack.OPERATOR);
    // The admin approves the intent correction with the keyboard: a learned example in messaging,
    // the button pressed, the focus where it was.
    WebElement review = correction.findElement(By.cssSelector(".quality-review"));
    int pendingBefore = Integer.parseInt(total(operator, "pending"));
    assertThat(pendingBefore).isEqualTo(api.getInt("pending_reviews"));
    assertThat(review.getDomAttribute("data-review")).isEqualTo("pending");
    WebElement approve = review.findElement(By.xpath("./button[1]"));
    assertThat(approve.getDomAttribute("aria-label"))
        .startsWith("Approve")
        .endsWith("account_access");
    operator.browser().js("arguments[0].focus()", approve);
    approve.sendKeys(Keys.ENTER);
    operator
        .browser()
        .until("the example approved", d -> "approved".equals(example(m2, "account_access")));
    operator
        .browser()
        .until("the review shown", d -> "approved".equals(review.getDomAttribute("data-review")));
    assertThat(approve.getDomAttribute("aria-pressed")).isEqualTo("true");
    assertThat(total(operator, "pending"))
        .as("to review, after the approval")
        .isEqualTo(String.valueOf(pendingBefore - 1));
    assertThat(review.getText()).contains("Approved");
    assertThat(operator.browser().driver().switchTo().activeElement()).isEqualTo(approve);
    assertThat(operator.browser().findAll("#ai-quality-by-language tbody tr th"))
        .extracting(WebElement::getText)
        .isNotEmpty();
    operator.browser().screenshot("ai-quality.png");

    // 420 px: nothing wider than the window.
    operator.browser().driver().manage().window().setSize(new Dimension(420, 900));
    assertThat(
            (Boolean)
                operator
                    .browser()
                    .js("return document.documentElement.scrollWidth > window.innerWidth"))
        .as("horizontal overflow at 420 px")
        .isFalse();
    operator.browser().screenshot("ai-quality-narrow.png");
    operator.browser().driver().manage().window().setSize(new Dimension(1366, 900));

    // A range without feedback: the empty state.
    operator
        .browser()
        .js(
            "document.getElementById('ai-quality-from').value = '2001-01-01';"
                + " document.getElementById('ai-quality-to').value = '2001-01-31';");
    operator.browser().find("#ai-quality-to").sendKeys(Keys.ENTER);
    operator
        .browser()
        .until("the empty state", d -> operator.browser().find("#ai-quality-empty").isDisplayed());
    assertThat(operator.browser().find("#ai-quality-results").isDisplayed()).isFalse();
    operator.browser().screenshot("ai-quality-empty.png");

    // Back to the inbox; another screen (Admin) closes this one.
    operator.browser().find("#ai-quality-open").click();
    operator.browser().find("#ai-quality-open").click();
    operator
        .browser()
        .until("the screen again", d -> operator.browser().find("#ai-quality-view").isDisplayed());
    operator.browser().find("#admin-open").click();
    operator
        .browser()
        .until("the admin screen", d -> operator.browser().find("#admin").isDisplayed());
    assertThat(operator.browser().find("#ai-quality-view").isDisplayed()).isFalse();
    operator.browser().find("#admin-back").click();
    operator.logOut();
  }

  /** The status of the admins' decision on a message and intent, or null. */
  private static String example(String messageId, String intent) {
    try (Connection c = stack.system.messaging.database.connect();
        PreparedStatement s =
            c.prepareStatement(
                "select status from ai_examples where message_id = ?::uuid and intent = ?")) {
      s.setString(1, messageId);
      s.setString(2, intent);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String total(OperatorPage page, String name) {
    return page.browser().find("#ai-quality-totals [data-total=\"" + name + "\"] dd").getText();
  }
}
