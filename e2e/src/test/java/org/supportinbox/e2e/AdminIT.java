package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.supportinbox.testing.GatewayUnderTest;

/**
 * The admin screen in the real UI. The admin adds an operator (keyboard only; the initial password
 * is shown once and gone after "Done"); the new operator logs in with it in another window, sees no
 * Admin button and gets 403 from /operators and /audit; the admin disables them (their open session
 * ends and their login fails), makes them an admin, is told in words that the last active admin
 * cannot be disabled, and finds all of it in the audit log, filtered by the account; an empty
 * answer says so; 56 entries of another account come as a page of 50 and, after "Load more", the
 * rest down to its creation. Screenshots at full and phone width.
 */
class AdminIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  @Test
  void anAdminManagesTheTeamAndReadsTheAuditLog() {
    OperatorPage adminWindow = new OperatorPage(browsers.operator(), stack).open();
    adminWindow.logIn(GatewayUnderTest.ADMIN, stack.system.adminPassword);
    AdminPage admin = new AdminPage(browsers.operator()).open();
    admin.browser().screenshot("admin-team-empty-form.png");

    // A long display name, to see it wrap rather than push the buttons out.
    String name = "new-" + UUID.randomUUID().toString().substring(0, 8);
    String displayName = "Maximiliana Bartholomew-Featherstonehaugh Ó Súilleabháin-Wolfeschlegel";
    String password = admin.create(name, displayName, "operator");
    assertThat(password).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
    assertThat(admin.attribute(name, "data-role")).isEqualTo("operator");
    admin.browser().screenshot("admin-team-password.png");
    admin.dismissPassword();
    assertThat(admin.browser().find("#team-secret-value").getDomProperty("textContent")).isEmpty();
    assertThat((String) admin.browser().js("return document.documentElement.outerHTML"))
        .as("the password is shown once, then gone from the page")
        .doesNotContain(password);

    // The new operator logs in with it, in a window of their own: no Admin button, and the API
    // refuses the admin routes.
    OperatorPage newcomer = new OperatorPage(browsers.customer(), stack).open();
    newcomer.logIn(name, password);
    newcomer.awaitConnection("connected");
    AdminPage notAdmin = new AdminPage(browsers.customer());
    assertThat(notAdmin.adminButtonShown()).isFalse();
    String newcomerToken = newcomer.storedToken()[1];
    stack.api(newcomerToken).get("/operators").then().statusCode(403);
    stack.api(newcomerToken).get("/audit").then().statusCode(403);

    // Disabled: the open session ends at once, and the password no longer logs in.
    admin.press(name, "team-toggle");
    admin.awaitRowState(name, "disabled", "true");
    assertThat(admin.awaitRow(name).getText()).contains("Disabled");
    newcomer.browser().until("the newcomer signed out", d -> newcomer.loginFormVisible());
    attemptLogIn(newcomer.browser(), name, password);
    // The form shows "session expired" first; the refused login replaces it.
    newcomer
        .browser()
        .until(
            "the login refused", d -> "Wrong user name or password.".equals(newcomer.loginError()));
    assertThat(newcomer.appVisible()).isFalse();

    // A role change.
    admin.press(name, "team-role");
    admin.awaitRowState(name, "role", "admin");

    // The last active admin (the disabled newcomer does not count): refused, and said so.
    admin.press(GatewayUnderTest.ADMIN, "team-toggle");
    admin.confirmInRow(GatewayUnderTest.ADMIN);
    assertThat(admin.awaitTeamError())
        .isEqualTo(
            "admin was not changed: 'admin' is the last active admin; make another admin first");
    assertThat(admin.attribute(GatewayUnderTest.ADMIN, "data-disabled")).isEqualTo("false");
    assertThat(admin.browser().find("#team-status").getText())
        .as("no earlier success line beside the refusal")
        .isEmpty();
    assertThat(adminWindow.appVisible()).as("the admin is still signed in").isTrue();
    admin.browser().screenshot("admin-team-last-admin.png");

    // The audit log, filtered by the account: newest first, who, from where.
    admin.openAuditTab();
    admin.filterBySubject(name);
    admin.browser().until("four entries of " + name, d -> admin.auditActions().size() == 4);
    assertThat(admin.auditActions())
        .containsExactly(
            "operator.role_changed", "login.failed", "operator.disabled", "operator.created");
    List<WebElement> items = admin.auditItems();
    assertThat(items.get(0).getText()).contains("Role changed").contains("By").contains("admin");
    assertThat(items.get(1).getText())
        .contains("Login failed")
        .contains("the system")
        .contains("127.0.0.1")
        .contains("account disabled");
    admin.browser().screenshot("admin-audit.png");

    admin.filterBySubject("nobody-" + UUID.randomUUID().toString().substring(0, 8));
    assertThat(admin.browser().find("#audit-empty").getText())
        .isEqualTo("No entries match these filters.");
    assertThat(admin.auditItems()).isEmpty();
    admin.browser().screenshot("admin-audit-empty.png");

    // More than a page (50): "Load more" follows next_cursor down to the account's creation.
    String busy = "busy-" + UUID.randomUUID().toString().substring(0, 8);
    stack.createOperator(busy, "Busy Bee", "busy-bee-password-0123");
    String token = stack.adminToken();
    for (int i = 0; i < 55; i++) {
      stack
          .api(token)
          .body("{\"display_name\":\"Busy Bee " + i + "\"}")
          .patch("/operators/" + busy)
          .then()
          .statusCode(200);
    }
    admin.filterBySubject(busy);
    admin.browser().until("a first page of 50", d -> admin.auditItems().size() == 50);
    WebElement more = admin.browser().find("#audit-more");
    assertThat(more.isDisplayed()).isTrue();
    more.click();
    admin.browser().until("all 56 entries", d -> admin.auditItems().size() == 56);
    assertThat(admin.browser().find("#audit-more").isDisplayed()).isFalse();
    List<String> actions = admin.auditActions();
    assertThat(actions.get(55)).isEqualTo("operator.created");
    assertThat(actions.subList(0, 55)).containsOnly("operator.renamed");
    assertThat(admin.auditItems().get(0).getText()).contains("'Busy Bee 53' -> 'Busy Bee 54'");

    // A phone-sized window: nothing wider than the screen.
    admin.browser().driver().manage().window().setSize(new Dimension(420, 900));
    admin.filterBySubject(name);
    assertThat(pageOverflows(admin)).as("horizontal overflow at 420 px (audit)").isFalse();
    admin.browser().screenshot("admin-audit-narrow.png");
    admin.browser().find("#admin-tab-audit").click();
    admin.browser().find("#admin-tab-team").click();
    admin.awaitRow(name);
    assertThat(pageOverflows(admin)).as("horizontal overflow at 420 px (team)").isFalse();
    admin.browser().screenshot("admin-team-narrow.png");
    admin.browser().driver().manage().window().setSize(new Dimension(1366, 900));

    admin.backToInbox();
    assertThat(admin.browser().find("#admin").isDisplayed()).isFalse();
  }

  /** Fills in and sends the login form without waiting for the inbox (the login may fail). */
  private static void attemptLogIn(Browser b, String username, String password) {
    WebElement user = b.find("#login-username");
    user.clear();
    user.sendKeys(username);
    WebElement pass = b.find("#login-password");
    pass.clear();
    pass.sendKeys(password, org.openqa.selenium.Keys.ENTER);
  }

  private static boolean pageOverflows(AdminPage page) {
    return (Boolean)
        page.browser()
            .js(
                "const s = document.querySelector('.admin-scroll');"
                    + " return document.documentElement.scrollWidth > window.innerWidth"
                    + " || s.scrollWidth > s.clientWidth;");
  }
}
