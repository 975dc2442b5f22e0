package org.supportinbox.e2e;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The admin screen of the operator page ({@code #admin}) through its DOM contract
 * (static-ui/README.md's hooks): the Admin button, the tabs, the team's rows and the password shown
 * once, the audit log's filters and entries.
 */
final class AdminPage {

  private final Browser b;

  AdminPage(Browser browser) {
    this.b = browser;
  }

  Browser browser() {
    return b;
  }

  boolean adminButtonShown() {
    return b.find("#admin-open").isDisplayed();
  }

  /** Opens the admin screen from the top bar; returns once the team is listed. */
  AdminPage open() {
    b.until("the Admin button", d -> adminButtonShown());
    b.find("#admin-open").click();
    b.until("the admin screen", d -> b.find("#admin").isDisplayed());
    b.until("the team", d -> !b.findAll("#team-list .team-item").isEmpty());
    return this;
  }

  void backToInbox() {
    b.find("#admin-back").click();
    b.until("the inbox again", d -> b.find(".workspace").isDisplayed());
  }

  // --- team

  /**
   * Adds an operator with the keyboard only (typing, Tab, Enter in the form); returns the password
   * the screen shows once.
   */
  String create(String username, String displayName, String role) {
    WebElement user = b.find("#team-username");
    user.click();
    user.sendKeys(username, Keys.TAB, displayName, Keys.TAB);
    if ("admin".equals(role)) {
      b.find("#team-role").sendKeys(Keys.END);
    }
    b.find("#team-display-name").sendKeys(Keys.ENTER);
    b.until("the password shown once", d -> b.find("#team-secret").isDisplayed());
    awaitRow(username);
    return b.find("#team-secret-value").getText().strip();
  }

  /** "Done" on the password shown once; waits until it is gone from the page. */
  void dismissPassword() {
    b.find("#team-secret-done").click();
    b.until("the password gone", d -> !b.find("#team-secret").isDisplayed());
  }

  WebElement awaitRow(String username) {
    return b.until(
        "the row of " + username,
        d -> {
          List<WebElement> rows =
              b.findAll("#team-list .team-item[data-username=\"" + username + "\"]");
          return rows.isEmpty() ? null : rows.get(0);
        });
  }

  String attribute(String username, String name) {
    return awaitRow(username).getDomAttribute(name);
  }

  /** Clicks a row's button ({@code team-role}, {@code team-toggle}, {@code team-reset}). */
  void press(String username, String button) {
    awaitRow(username).findElement(By.cssSelector("." + button)).click();
  }

  /** Waits until the row's {@code data-<name>} is {@code value}. */
  void awaitRowState(String username, String name, String value) {
    b.until(
        username + " data-" + name + "=" + value,
        d -> value.equals(awaitRow(username).getDomAttribute("data-" + name)));
  }

  /** Confirms the question a row asks (its danger button). */
  void confirmInRow(String username) {
    WebElement row = awaitRow(username);
    b.until(
        "the question in the row of " + username,
        d -> !row.findElements(By.cssSelector(".team-confirm")).isEmpty());
    row.findElement(By.cssSelector(".team-confirm .danger")).click();
  }

  /** The text of {@code #team-error} once it shows. */
  String awaitTeamError() {
    return b.until(
        "#team-error",
        d -> {
          WebElement e = b.find("#team-error");
          return e.isDisplayed() ? e.getText().strip() : null;
        });
  }

  // --- audit log

  /** Switches to the audit tab with the keyboard (ArrowRight from the Team tab). */
  void openAuditTab() {
    b.find("#admin-tab-team").sendKeys(Keys.ARROW_RIGHT);
    b.until("the audit tab", d -> b.find("#admin-audit").isDisplayed());
  }

  /** Filters by subject (typed, then Enter) and waits until the answer is shown. */
  void filterBySubject(String subject) {
    WebElement field = b.find("#audit-subject");
    field.clear();
    field.sendKeys(subject, Keys.ENTER);
    b.until(
        "the audit answer for " + subject,
        d ->
            b.find("#audit-list").getDomAttribute("aria-busy") == null
                && (b.find("#audit-empty").isDisplayed()
                    || !b.findAll("#audit-list .audit-item").isEmpty()));
  }

  /** {@code data-action} of each entry shown, newest first. */
  List<String> auditActions() {
    List<String> actions = new ArrayList<>();
    for (WebElement item : b.findAll("#audit-list .audit-item")) {
      actions.add(item.getDomAttribute("data-action"));
    }
    return actions;
  }

  List<WebElement> auditItems() {
    return b.findAll("#audit-list .audit-item");
  }
}
