package org.supportinbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Issue 18, files in chat: an operator attaches a PNG in the reply box (the browser's file input),
 * it uploads, Send sends it with the reply, and the customer's chat shows it as an image (drawn
 * from the bytes fetched with the customer's token) above its download link; the customer attaches
 * a PDF, and the operator's thread lists it as a download link, not an image. A file that is no
 * image or PDF by its content (HTML named .png) is refused in the chip with the server's reason and
 * is never sent. Screenshots of both pages, the chat also at phone width.
 */
class UploadsIT {

  @RegisterExtension static final Browsers browsers = new Browsers();

  @TempDir static Path files;

  private static E2eStack stack;

  @BeforeAll
  static void stack() {
    stack = E2eStack.get();
  }

  /** A small chart as a PNG file, so that the screenshots show an image. */
  private static Path chart() throws IOException {
    BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0xf4f6fb));
    g.fillRect(0, 0, 320, 180);
    int[] heights = {60, 95, 40, 130, 110};
    for (int i = 0; i < heights.length; i++) {
      g.setColor(new Color(0x3b5bdb));
      g.fillRoundRect(28 + i * 56, 160 - heights[i], 36, heights[i], 6, 6);
    }
    g.setColor(new Color(0x18202b));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("Settings > Billing", 16, 24);
    g.dispose();
    Path png = files.resolve("billing-settings.png");
    ImageIO.write(image, "png", png.toFile());
    return png;
  }

  private static Path write(String name, byte[] bytes) {
    try {
      return Files.write(files.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anOperatorsImageIsShownToTheCustomerAndTheCustomersPdfIsALinkForTheOperator()
      throws IOException {
    String name = "Petra Pictures " + UUID.randomUUID().toString().substring(0, 8);
    CustomerPage customer =
        new CustomerPage(browsers.customer(), stack)
            .start(name, "", "Where do I change my billing address?");
    OperatorPage operator = new OperatorPage(browsers.operator(), stack).openAndLogIn();
    operator.awaitConnection("connected");
    String conversation = operator.awaitConversationNamed(name);
    operator.select(conversation);
    Browser ob = operator.browser();

    // A file that only claims to be an image is refused, with the reason, and never sent.
    Path fake =
        write(
            "screenshot.png",
            "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
    ob.find("#attach-input").sendKeys(fake.toString());
    WebElement refused =
        ob.until(
            "the refused chip",
            d -> {
              List<WebElement> chips = ob.findAll("#attach-list .file-chip[data-state=\"failed\"]");
              return chips.isEmpty() ? null : chips.get(0);
            });
    assertThat(refused.findElement(By.cssSelector(".file-chip-status")).getText())
        .contains("only images")
        .contains("PDF");
    refused.findElement(By.cssSelector(".file-chip-remove")).click();
    assertThat(ob.findAll("#attach-list .file-chip")).isEmpty();

    ob.find("#attach-input").sendKeys(chart().toString());
    ob.until(
        "the PNG uploaded",
        d -> !ob.findAll("#attach-list .file-chip[data-state=\"ready\"]").isEmpty());
    operator.reply("This is the page:");
    String reply = operator.awaitSent("This is the page:");
    assertThat(ob.findAll("#attach-list .file-chip")).as("sent: the chips are gone").isEmpty();
    ob.until(
        "the operator's own image",
        d ->
            operator.message(reply).findElement(By.cssSelector(".attachment-image")).isDisplayed());

    // The customer sees the image, drawn from its bytes, and its link.
    Browser cb = customer.browser();
    WebElement answer = customer.awaitMessage("operator", "This is the page:");
    WebElement image =
        cb.until(
            "the image in the chat",
            d -> {
              List<WebElement> imgs = answer.findElements(By.cssSelector("img.attachment-image"));
              return !imgs.isEmpty() && imgs.get(0).isDisplayed() ? imgs.get(0) : null;
            });
    assertThat(image.getDomAttribute("alt")).isEqualTo("billing-settings.png");
    assertThat(image.getDomProperty("src")).startsWith("blob:");
    assertThat(((Number) cb.js("return arguments[0].naturalWidth;", image)).intValue())
        .isEqualTo(320);
    assertThat(answer.findElement(By.cssSelector(".attachment-link")).getDomAttribute("href"))
        .startsWith("/customer/attachments/");
    cb.screenshot("chat-image.png");

    // The customer sends a PDF without writing anything: its name is the message.
    byte[] pdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    cb.find("#attach-input").sendKeys(write("old-address.pdf", pdf).toString());
    cb.until(
        "the PDF uploaded",
        d -> !cb.findAll("#attach-list .file-chip[data-state=\"ready\"]").isEmpty());
    cb.find("#send").click();
    customer.awaitMessage("customer", "old-address.pdf");

    String pdfMessage = operator.awaitMessage("customer", "old-address.pdf");
    WebElement link =
        ob.until(
            "the PDF's link",
            d -> {
              List<WebElement> links =
                  operator.message(pdfMessage).findElements(By.cssSelector(".attachment-link"));
              return links.isEmpty() ? null : links.get(0);
            });
    assertThat(link.getDomAttribute("aria-label")).startsWith("Download old-address.pdf");
    assertThat(operator.message(pdfMessage).findElements(By.cssSelector("img"))).isEmpty();
    ob.screenshot("operator-uploads.png");
    // The operator's composer at phone width, a file chosen: Note, Attach, the text and Send fit.
    ob.driver().manage().window().setSize(new Dimension(420, 900));
    ob.find("#attach-input").sendKeys(chart().toString());
    ob.until(
        "the PNG uploaded again",
        d -> !ob.findAll("#attach-list .file-chip[data-state=\"ready\"]").isEmpty());
    assertThat(
            (Boolean)
                ob.js(
                    "const bar = document.getElementById('composer-bar').getBoundingClientRect();"
                        + " const send = document.getElementById('send').getBoundingClientRect();"
                        + " return send.right <= bar.right + 0.5 && bar.right <= window.innerWidth + 0.5;"))
        .as("the composer's buttons within the window at 420 px")
        .isTrue();
    ob.screenshot("operator-uploads-narrow.png");
    ob.driver().manage().window().setSize(new Dimension(1366, 900));

    // A phone-sized chat: the image fits the bubble.
    cb.driver().manage().window().setSize(new Dimension(400, 800));
    cb.js("arguments[0].scrollIntoView({block: 'center'});", image);
    assertThat(
            (Boolean)
                cb.js(
                    "const r = arguments[0].getBoundingClientRect();"
                        + " const b = arguments[0].closest('.message-bubble').getBoundingClientRect();"
                        + " return r.right <= b.right + 0.5 && b.right <= window.innerWidth + 0.5;",
                    image))
        .as("the image within its bubble at 400 px")
        .isTrue();
    cb.screenshot("chat-image-narrow.png");
  }
}
