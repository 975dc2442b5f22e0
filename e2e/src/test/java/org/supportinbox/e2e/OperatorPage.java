package org.supportinbox.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;

/**
 * The operator inbox ({@code /}) through the DOM contract of issue 5 only: ids and classes and
 * {@code data-} attributes, never layout or wording (except where the contract names a message).
 */
final class OperatorPage {

  private static final Pattern JWT =
      Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

  private final Browser b;
  private final E2eStack stack;

  OperatorPage(Browser browser, E2eStack stack) {
    this.b = browser;
    this.stack = stack;
  }

  Browser browser() {
    return b;
  }

  OperatorPage open() {
    b.get(stack.operatorUrl("/"));
    return this;
  }

  /** Opens the page and logs in as the e2e operator; returns once the socket is connected. */
  OperatorPage openAndLogIn() {
    open();
    logIn(E2eStack.OPERATOR, E2eStack.OPERATOR_PASSWORD);
    awaitConnection("connected");
    return this;
  }

  void awaitLoginForm() {
    b.until("the login form", d -> b.find("#login-form").isDisplayed());
  }

  void logIn(String username, String password) {
    awaitLoginForm();
    WebElement user = b.find("#login-username");
    user.clear();
    user.sendKeys(username);
    WebElement pass = b.find("#login-password");
    pass.clear();
    pass.sendKeys(password);
    b.find("#login-submit").click();
    b.until("the inbox after login", d -> b.find("#app").isDisplayed());
  }

  boolean appVisible() {
    List<WebElement> app = b.findAll("#app");
    return !app.isEmpty() && app.get(0).isDisplayed();
  }

  boolean loginFormVisible() {
    List<WebElement> form = b.findAll("#login-form");
    return !form.isEmpty() && form.get(0).isDisplayed();
  }

  String loginError() {
    WebElement e = b.find("#login-error");
    return e.isDisplayed() ? e.getText().strip() : "";
  }

  void logOut() {
    b.find("#logout").click();
  }

  String connection() {
    return b.find("#connection").getDomAttribute("data-state");
  }

  /** Waits until {@code #connection[data-state]} is one of {@code states}; returns it. */
  String awaitConnection(String... states) {
    List<String> wanted = Arrays.asList(states);
    return b.until(
        "#connection[data-state] in " + wanted,
        d -> {
          String s = connection();
          return wanted.contains(s) ? s : null;
        });
  }

  /**
   * The token the page keeps in sessionStorage (the value, or the part of a value, that is a JWT),
   * and its key; null when there is none.
   */
  String[] storedToken() {
    for (var e : b.sessionStorage().entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      Matcher m = JWT.matcher(e.getValue());
      if (m.find()) {
        return new String[] {e.getKey(), m.group()};
      }
    }
    return null;
  }

  /** Replaces the stored token by {@code token}, wherever in its value the page keeps it. */
  void replaceStoredToken(String token) {
    String[] stored = storedToken();
    if (stored == null) {
      throw new AssertionError("no token in sessionStorage: " + b.sessionStorage());
    }
    b.js(
        "const v = sessionStorage.getItem(arguments[0]);"
            + " sessionStorage.setItem(arguments[0], v.split(arguments[1]).join(arguments[2]));",
        stored[0],
        stored[1],
        token);
  }

  // --- conversation list

  /** The list item of the conversation whose customer is {@code name}; waits for it to appear. */
  String awaitConversationNamed(String name) {
    return b.until(
        "a conversation of " + name + " in #conversation-list",
        d -> {
          for (WebElement item : b.findAll("#conversation-list .conversation-item")) {
            if (text(item, ".conversation-name").equals(name)) {
              return item.getDomAttribute("data-conversation-id");
            }
          }
          return null;
        });
  }

  WebElement conversationItem(String conversationId) {
    return b.find(
        "#conversation-list .conversation-item[data-conversation-id=\"" + conversationId + "\"]");
  }

  void select(String conversationId) {
    b.until(
        "conversation " + conversationId + " selected",
        d -> {
          WebElement item = conversationItem(conversationId);
          if (!hasClass(item, "selected")) {
            item.click();
          }
          return hasClass(conversationItem(conversationId), "selected")
              && b.find("#thread").isDisplayed();
        });
  }

  // --- thread

  List<WebElement> messages() {
    return b.findAll("#messages .message");
  }

  /** {@code data-message-id} of each {@code .message} in the thread, in page order. */
  List<String> messageIds() {
    List<String> ids = new ArrayList<>();
    for (WebElement m : messages()) {
      ids.add(m.getDomAttribute("data-message-id"));
    }
    return ids;
  }

  /** Waits for a message by {@code sender} whose content is exactly {@code content}; its id. */
  String awaitMessage(String sender, String content) {
    return b.until(
        sender + " message \"" + content + "\" in the thread",
        d -> {
          for (WebElement m : b.findAll("#messages .message[data-sender=\"" + sender + "\"]")) {
            if (content.equals(contentOf(m))) {
              String id = m.getDomAttribute("data-message-id");
              return id == null || id.isEmpty() ? null : id;
            }
          }
          return null;
        });
  }

  WebElement message(String messageId) {
    return b.find("#messages .message[data-message-id=\"" + messageId + "\"]");
  }

  /** The exact text of a message's {@code .message-content} (textContent, not layout text). */
  static String contentOf(WebElement message) {
    return message.findElement(By.cssSelector(".message-content")).getDomProperty("textContent");
  }

  /** The {@code .ai-panel} of a customer message: inside its {@code .message} or right after. */
  WebElement aiPanel(String messageId) {
    Object panel =
        b.js(
            "const m = document.querySelector("
                + "'#messages .message[data-message-id=\"' + arguments[0] + '\"]');"
                + " if (!m) return null;"
                + " const inner = m.querySelector('.ai-panel'); if (inner) return inner;"
                + " const next = m.nextElementSibling;"
                + " return next && next.matches('.ai-panel') ? next : null;",
            messageId);
    if (panel == null) {
      throw new NoSuchElementException("no .ai-panel for message " + messageId);
    }
    return (WebElement) panel;
  }

  String aiStatus(String messageId) {
    return aiPanel(messageId).getDomAttribute("data-ai-status");
  }

  void awaitAiStatus(String messageId, String status) {
    b.until("the AI panel of " + messageId + " " + status, d -> status.equals(aiStatus(messageId)));
  }

  /** The text of one part of a message's AI panel ({@code .ai-intent}, {@code .ai-error}, ...). */
  String ai(String messageId, String part) {
    return text(aiPanel(messageId), part);
  }

  void clickInAiPanel(String messageId, String button) {
    aiPanel(messageId).findElement(By.cssSelector(button)).click();
  }

  WebElement composer() {
    return b.find("#composer");
  }

  String composerValue() {
    return composer().getDomProperty("value");
  }

  /** Types at the end of what the composer holds. */
  void appendToComposer(String text) {
    WebElement c = composer();
    c.click();
    c.sendKeys(Keys.END);
    c.sendKeys(text);
  }

  void send() {
    b.find("#send").click();
  }

  /** Writes a reply and sends it with the Send button. */
  void reply(String text) {
    WebElement c = composer();
    c.clear();
    c.sendKeys(text);
    send();
  }

  /** Waits until the operator message with this content is stored ({@code data-state=sent}). */
  String awaitSent(String content) {
    return b.until(
        "operator message \"" + content + "\" sent",
        d -> {
          for (WebElement m : b.findAll("#messages .message[data-sender=\"operator\"]")) {
            if (content.equals(contentOf(m)) && "sent".equals(m.getDomAttribute("data-state"))) {
              String id = m.getDomAttribute("data-message-id");
              return id == null || id.isEmpty() ? null : id;
            }
          }
          return null;
        });
  }

  static String text(WebElement in, String css) {
    List<WebElement> found = in.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getDomProperty("textContent").strip();
  }

  static boolean hasClass(WebElement e, String cls) {
    String classes = e.getDomAttribute("class");
    return classes != null && Arrays.asList(classes.split("\\s+")).contains(cls);
  }
}
