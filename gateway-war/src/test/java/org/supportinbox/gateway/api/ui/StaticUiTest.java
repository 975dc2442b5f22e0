package org.supportinbox.gateway.api.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The files of static-ui/ keep to what the gateway's Content-Security-Policy allows and to the rule
 * that data is never inserted as HTML; a page breaking either would fail in the browser (or worse,
 * open an injection), so it fails here first.
 */
class StaticUiTest {

  static final Path FOLDER =
      Path.of(System.getProperty("basedir", "."), "..", "static-ui").normalize();

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html",
          "css", "text/css",
          "js", "text/javascript",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  /** What a browser may be sent of static-ui/ (the gateway serves these extensions only). */
  static List<Path> servedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(FOLDER)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> TYPES.containsKey(extension(f)))
          .toList();
    }
  }

  static String mediaType(Path file) {
    return TYPES.get(extension(file));
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static List<Path> withExtension(String extension) throws IOException {
    return servedFiles().stream().filter(f -> extension(f).equals(extension)).toList();
  }

  @Test
  void thereIsAnIndexPage() {
    assertTrue(Files.isRegularFile(FOLDER.resolve("index.html")), FOLDER + "/index.html");
  }

  @Test
  void pagesHaveNoInlineScriptStyleOrHandlers() throws IOException {
    for (Path page : withExtension("html")) {
      Document doc = Jsoup.parse(page.toFile(), StandardCharsets.UTF_8.name());
      for (Element script : doc.select("script")) {
        assertTrue(script.hasAttr("src"), page + ": inline <script>");
        assertTrue(script.data().isBlank(), page + ": <script src> with a body");
      }
      assertTrue(doc.select("style").isEmpty(), page + ": inline <style>");
      for (Element element : doc.getAllElements()) {
        for (Attribute attribute : element.attributes()) {
          String name = attribute.getKey().toLowerCase();
          assertFalse(name.startsWith("on"), page + ": handler attribute " + name);
          assertFalse(
              name.equals("style"), page + ": style attribute on <" + element.tagName() + ">");
          assertFalse(
              attribute.getValue().strip().toLowerCase().startsWith("javascript:"),
              page + ": javascript: URL");
        }
      }
      for (Element resource : doc.select("script[src], link[href]")) {
        String url = resource.hasAttr("src") ? resource.attr("src") : resource.attr("href");
        assertFalse(url.matches("(?i)^([a-z]+:)?//.*"), page + ": resource from elsewhere " + url);
      }
    }
  }

  private static final Pattern HTML_SINKS =
      Pattern.compile(
          "\\.(innerHTML|outerHTML|insertAdjacentHTML)\\b|document\\.write|\\beval\\s*\\(|new Function\\s*\\(");

  @Test
  void scriptsNeverInsertDataAsHtml() throws IOException {
    for (Path script : withExtension("js")) {
      String code = Files.readString(script);
      assertEquals(
          List.of(),
          HTML_SINKS.matcher(code).results().map(m -> m.group()).toList(),
          script + " uses an HTML sink; build nodes and set textContent instead");
    }
  }
}
