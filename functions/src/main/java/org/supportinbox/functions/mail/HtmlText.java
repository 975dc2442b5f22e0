package org.supportinbox.functions.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML mail to plain text with jsoup: parsed (never rendered or run), quoted history and signature
 * blocks of the common mail programs dropped, then only the text nodes kept, with line breaks for
 * block elements. Nothing of the markup survives, so nothing of it can reach an operator's screen.
 */
final class HtmlText {

  /** Quoted history and signatures as Gmail, Apple Mail, Thunderbird and Outlook mark them. */
  private static final String QUOTES =
      "blockquote, .gmail_quote, .gmail_signature, [data-smartmail=gmail_signature],"
          + " .moz-cite-prefix, .moz-signature, #divRplyFwdMsg, #Signature, script, style, head,"
          + " title";

  private static final Set<String> BLOCKS =
      Set.of(
          "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul",
          "ol", "hr", "section", "article", "header", "footer");

  private HtmlText() {}

  static String of(String html) {
    Document doc = Jsoup.parse(html);
    Element divider = doc.getElementById("divRplyFwdMsg");
    if (divider != null) {
      // Outlook: everything after its reply header is the original.
      Node next = divider.nextSibling();
      while (next != null) {
        Node after = next.nextSibling();
        next.remove();
        next = after;
      }
    }
    doc.select(QUOTES).remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              out.append(t.text());
            } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
              newline(out);
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
              newline(out);
            }
          }
        },
        doc.body() == null ? doc : doc.body());
    return out.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").strip();
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
