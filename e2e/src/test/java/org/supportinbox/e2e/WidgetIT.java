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
import org.openqa.selenium.logging.LogEntry;

/**
 * The embeddable widget on a company's site (another loopback origin, {@link SiteHost}) with its
 * one script tag: the customer opens it from the launcher, starts a chat, an operator answers and
 * the customer sees it live; after a reload and a move to another page of the site the chat is
 * still there; a reply while the widget is closed shows on the launcher's badge; keyboard only and
 * on a phone-wide window; a site not in WIDGET_ALLOWED_ORIGINS gets a console message and no
 * widget.
 */
class WidgetIT {

  private static final String LAUNCHER = "#support-inbox-widget-launcher";
  private static final String FRAME = "#support-inbox-widget-frame";

  @RegisterExtension static final Browsers browsers = new Browsers();

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static void inFrame(Browser b, Runnable action) {
    b.driver().switchTo().frame(b.find(FRAME));
    try {
      action.run();
    } finally {
      b.driver().switchTo().defaultContent();
    }
  }

  private static String badge(Browser b) {
    WebElement badge = b.find(LAUNCHER + " .support-inbox-unread");
    return badge.isDisplayed() ? badge.getText() : "";
  }

  @Test
  void aCustomerChatsThroughTheWidgetOnTheCompanysSite() {
    Browser customer = browsers.customer();
    // A clean slate: no chat of an earlier test in the inbox's storage.
    customer.get(stack.customerUrl("/chat.html"));
    customer.js("localStorage.clear(); sessionStorage.clear();");

    customer.get(stack.site.origin() + "/");
    WebElement launcher =
        customer.until("the launcher", d -> d.findElement(By.cssSelector(LAUNCHER)));
    assertThat(launcher.getText()).isEqualTo("Chat with us");
    assertThat(customer.find(FRAME).isDisplayed()).isFalse();

    // Keyboard only: Tab to the launcher (after the page's one link), Enter opens the chat.
    customer.js("document.getElementById('nav').focus();");
    customer.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    customer.until("the launcher focused", d -> launcher.equals(d.switchTo().activeElement()));
    launcher.sendKeys(Keys.ENTER);
    customer.until("the chat open", d -> d.findElement(By.cssSelector(FRAME)).isDisplayed());
    assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("true");

    String name = "Wendy " + UUID.randomUUID().toString().substring(0, 6);
    CustomerPage chat = new CustomerPage(customer, stack);
    inFrame(
        customer,
        () -> {
          customer.until("the start form", d -> customer.find("#start-form").isDisplayed());
          customer.until(
              "the name field focused",
              d -> "start-name".equals(d.switchTo().activeElement().getDomAttribute("id")));
          customer.driver().switchTo().activeElement().sendKeys(name);
          customer.find("#start-message").sendKeys("Do your seeds ship to Norway?");
          customer.find("#start-submit").sendKeys(Keys.ENTER);
          chat.awaitMessage("customer", "Do your seeds ship to Norway?");
        });
    customer.screenshot("widget-open.png");

    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    operator.reply("Yes, in about five days.");
    inFrame(customer, () -> chat.awaitMessage("operator", "Yes, in about five days."));

    // A reload, then another page of the site: the same chat, its history shown.
    customer.driver().navigate().refresh();
    customer.until("the launcher again", d -> d.findElement(By.cssSelector(LAUNCHER))).click();
    inFrame(customer, () -> chat.awaitMessage("operator", "Yes, in about five days."));
    customer.find(LAUNCHER).click(); // closed again
    customer.find("#nav").click();
    customer.until("the other page", d -> d.getCurrentUrl().endsWith("/other"));
    customer.until("the launcher there", d -> d.findElement(By.cssSelector(LAUNCHER)));

    // Closed: a reply shows on the launcher's badge; opening the chat shows it and clears it. The
    // closed frame (display: none) still runs the chat: its socket is up before the reply.
    inFrame(
        customer,
        () ->
            customer.until(
                "connected",
                d ->
                    "connected"
                        .equals(customer.find("#connection").getDomAttribute("data-state"))));
    operator.reply("They also come with planting tips.");
    customer.until("a badge of one reply", d -> "1".equals(badge(customer)));
    assertThat(customer.find(LAUNCHER).getDomAttribute("aria-label"))
        .isEqualTo("Chat with us, 1 new reply");
    customer.screenshot("widget-badge.png");
    customer.find(LAUNCHER).click();
    inFrame(customer, () -> chat.awaitMessage("operator", "They also come with planting tips."));
    customer.until("the badge gone", d -> badge(customer).isEmpty());

    // Escape in the chat closes it and gives the focus back to the launcher.
    inFrame(customer, () -> customer.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE));
    customer.until("closed by Escape", d -> !d.findElement(By.cssSelector(FRAME)).isDisplayed());
    customer.until(
        "the launcher focused again",
        d -> customer.find(LAUNCHER).equals(d.switchTo().activeElement()));

    // A phone-wide window: the open chat fits.
    customer.driver().manage().window().setSize(new Dimension(400, 760));
    customer.find(LAUNCHER).click();
    customer.until("open on a phone", d -> d.findElement(By.cssSelector(FRAME)).isDisplayed());
    assertThat(
            (Boolean)
                customer.js("return document.documentElement.scrollWidth > window.innerWidth;"))
        .as("horizontal overflow at 400 px")
        .isFalse();
    Number frameWidth =
        (Number)
            customer.js(
                "return document.querySelector(arguments[0]).getBoundingClientRect().width;",
                FRAME);
    assertThat(frameWidth.doubleValue()).isLessThanOrEqualTo(400);
    customer.screenshot("widget-phone.png");
    customer.driver().manage().window().setSize(new Dimension(1366, 900));
  }

  @Test
  void aSiteThatMayNotEmbedItGetsAConsoleMessageAndNoWidget() {
    Browser customer = browsers.customer();
    customer.readConsole();
    customer.get(stack.strangerSite.origin() + "/");
    List<LogEntry> said =
        customer.until(
            "the widget's console message",
            d -> {
              List<LogEntry> entries =
                  customer.console().stream()
                      .filter(e -> e.getMessage().contains("may not embed the chat"))
                      .toList();
              return entries.isEmpty() ? null : entries;
            });
    assertThat(said.get(0).getMessage())
        .contains(stack.strangerSite.origin(), "WIDGET_ALLOWED_ORIGINS");
    assertThat(customer.findAll("#support-inbox-widget")).isEmpty();
    // Framing the chat directly is refused too (frame-ancestors), whatever a page's script does.
    String policy =
        stack
            .api()
            .get("/chat.html")
            .then()
            .statusCode(200)
            .extract()
            .header("Content-Security-Policy");
    assertThat(policy).contains("frame-ancestors 'self' " + stack.site.origin());
    assertThat(policy).doesNotContain(stack.strangerSite.origin());
    String operatorPage =
        stack.api().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
    assertThat(operatorPage).contains("frame-ancestors 'none'");
  }
}
