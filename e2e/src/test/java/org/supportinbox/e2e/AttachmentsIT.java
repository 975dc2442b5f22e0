package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Issue 18, attachments in the operator's thread: a mail's files (stored through messaging's {@code
 * /email/inbound} as the mail function does) are listed under the message as download links with
 * their name and size, and the image among them is shown as an image too; a long name is cut with
 * an ellipsis and never widens the page, also in a phone-sized window; the links are reachable by
 * keyboard, and a click fetches the file with the operator's token and saves it, without leaving
 * the page. Screenshots at full and phone width.
 */
class AttachmentsIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  static final byte[] PNG =
      HexFormat.of()
          .parseHex(
              "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  private static String file(String name, byte[] bytes) {
    return "{\"filename\":\""
        + name
        + "\",\"content_base64\":\""
        + Base64.getEncoder().encodeToString(bytes)
        + "\"}";
  }

  @Test
  void aMailsFilesAreDownloadLinksWithNameAndSize() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String name = "Fern Files " + unique;
    String longName =
        "scan-of-the-warranty-card-and-the-receipt-from-the-store-where-the-kettle-was-bought-"
            + "in-march-2026-front-and-back-pages.png";
    String messageId =
        RestAssured.given()
            .baseUri(stack.system.messaging.server().baseUrl())
            .contentType(ContentType.JSON)
            .header(
                "Authorization", "Bearer " + stack.system.messaging.mailFunctionToken("mail-e2e"))
            .body(
                "{\"message_id\":\"files-"
                    + unique
                    + "@customer.example\",\"from_address\":\"fern-"
                    + unique
                    + "@customer.example\",\"from_name\":\""
                    + name
                    + "\",\"subject\":\"Kettle\",\"content\":\"Photos of the kettle attached.\","
                    + "\"attachments\":["
                    + file(longName, PNG)
                    + ","
                    + file("invoice.html", "<h1>hello</h1>".getBytes(StandardCharsets.UTF_8))
                    + ","
                    + file("notes.txt", new byte[2560])
                    + "]}")
            .post("/email/inbound")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    operator.awaitConnection("connected");
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    Browser b = operator.browser();
    b.until(
        "the message's three files",
        d ->
            operator.message(messageId).findElements(By.cssSelector(".attachment-link")).size()
                == 3);
    List<WebElement> links =
        operator.message(messageId).findElements(By.cssSelector(".attachment-link"));
    // The PNG is shown too (an image drawn from its bytes), the HTML and the text file are not.
    b.until(
        "the PNG shown as an image",
        d ->
            operator
                .message(messageId)
                .findElement(By.cssSelector(".attachment-image"))
                .isDisplayed());
    assertThat(operator.message(messageId).findElements(By.cssSelector("img"))).hasSize(1);
    assertThat(
            (Boolean)
                b.js(
                    "const n = arguments[0]; return n.scrollWidth > n.clientWidth;",
                    links.get(0).findElement(By.cssSelector(".attachment-name"))))
        .as("a long name is cut on screen (ellipsis)")
        .isTrue();
    assertThat(
            links
                .get(0)
                .findElement(By.cssSelector(".attachment-name"))
                .getDomProperty("textContent"))
        .isEqualTo(longName);
    assertThat(links.get(0).getDomAttribute("aria-label"))
        .isEqualTo("Download " + longName + ", 66 B");
    assertThat(links.get(1).getDomProperty("textContent")).isEqualTo("invoice.html14 B");
    assertThat(links.get(2).findElement(By.cssSelector(".attachment-size")).getText())
        .isEqualTo("2.5 KB");
    assertThat(links.get(0).getDomAttribute("href"))
        .startsWith("/attachments/")
        .doesNotContain("..");
    assertThat(overflows(b)).as("horizontal overflow at full width").isFalse();
    b.screenshot("attachments.png");

    // Keyboard: the links take the focus in order, and Enter on one saves the file (fetched with
    // the token; the page stays where it is and shows no error).
    b.js(
        "window.__saved = [];"
            + " const create = URL.createObjectURL.bind(URL);"
            + " URL.createObjectURL = (blob) => { window.__saved.push(blob.size); return create(blob); };");
    String url = b.driver().getCurrentUrl();
    b.js("arguments[0].focus();", links.get(0));
    new org.openqa.selenium.interactions.Actions(b.driver())
        .sendKeys(org.openqa.selenium.Keys.TAB)
        .perform();
    assertThat((Boolean) b.js("return document.activeElement === arguments[0];", links.get(1)))
        .as("Tab moves from one file's link to the next")
        .isTrue();
    new org.openqa.selenium.interactions.Actions(b.driver())
        .sendKeys(org.openqa.selenium.Keys.ENTER)
        .perform();
    b.until("the file saved", d -> ((List<?>) b.js("return window.__saved;")).size() == 1);
    assertThat(((Number) ((List<?>) b.js("return window.__saved;")).get(0)).intValue())
        .isEqualTo(14);
    assertThat(b.driver().getCurrentUrl()).isEqualTo(url);
    assertThat(
            operator.message(messageId).findElements(By.cssSelector(".attachment-error")).stream()
                .noneMatch(WebElement::isDisplayed))
        .isTrue();

    // A phone-sized window: the long name still fits.
    b.driver().manage().window().setSize(new Dimension(420, 900));
    b.until(
        "the files at phone width",
        d ->
            operator
                .message(messageId)
                .findElement(By.cssSelector(".attachment-link"))
                .isDisplayed());
    b.js(
        "arguments[0].scrollIntoView({block: 'start'});",
        operator.message(messageId).findElement(By.cssSelector(".message-content")));
    assertThat(overflows(b)).as("horizontal overflow at 420 px").isFalse();
    b.screenshot("attachments-narrow.png");
    b.driver().manage().window().setSize(new Dimension(1366, 900));
  }

  private static boolean overflows(Browser b) {
    return (Boolean)
        b.js(
            "const links = [...document.querySelectorAll('.attachment-link')];"
                + " return links.some(l => {"
                + "   const r = l.getBoundingClientRect();"
                + "   const bubble = l.closest('.message-bubble').getBoundingClientRect();"
                + "   return r.right > bubble.right + 0.5 || bubble.right > window.innerWidth + 0.5;"
                + " });");
  }
}
