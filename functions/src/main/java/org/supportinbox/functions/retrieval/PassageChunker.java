package org.supportinbox.functions.retrieval;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts an article body into passages of about {@code target} characters, never more than {@code
 * max}: whole paragraphs (separated by a blank line) are packed together while they fit; a
 * paragraph longer than {@code max} is cut on sentence boundaries ({@link BreakIterator}); a
 * sentence longer than {@code max} on white space, and a word longer than {@code max} anywhere.
 * Lengths are in UTF-16 chars (near enough to characters for a size budget); a cut never splits a
 * surrogate pair. White space inside a passage is kept, except that blank-line runs become one.
 */
public final class PassageChunker {

  /** The defaults: about 650 characters, at most 800, what MiniLM's 256 tokens comfortably hold. */
  public static final int TARGET = 650;

  public static final int MAX = 800;

  private final int target;
  private final int max;

  public PassageChunker() {
    this(TARGET, MAX);
  }

  public PassageChunker(int target, int max) {
    if (target < 1 || max < target) {
      throw new IllegalArgumentException("need 1 <= target <= max");
    }
    this.target = target;
    this.max = max;
  }

  /** The passages of one article, in order; an empty or blank body gives the title alone. */
  public List<Passage> passages(String articleId, String title, String body) {
    List<String> chunks = chunk(body);
    List<Passage> passages = new ArrayList<>(Math.max(1, chunks.size()));
    if (chunks.isEmpty()) {
      passages.add(new Passage(articleId, 0, title, ""));
    }
    for (int i = 0; i < chunks.size(); i++) {
      passages.add(new Passage(articleId, i, title, chunks.get(i)));
    }
    return passages;
  }

  /** The chunks of {@code body}: each non-blank, trimmed, at most {@code max} chars. */
  public List<String> chunk(String body) {
    List<String> pieces = new ArrayList<>();
    for (String paragraph : body.split("\\R\\s*\\R")) {
      String p = paragraph.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (p.length() <= max) {
        pieces.add(p);
      } else {
        pieces.addAll(sentences(p));
      }
    }
    return pack(pieces);
  }

  /** Packs pieces (each <= max) greedily into chunks of about target, never over max. */
  private List<String> pack(List<String> pieces) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String separator = "\n\n";
    for (String piece : pieces) {
      if (current.isEmpty()) {
        current.append(piece);
      } else if (current.length() + separator.length() + piece.length() <= target
          || (current.length() < target / 2
              && current.length() + separator.length() + piece.length() <= max)) {
        current.append(separator).append(piece);
      } else {
        chunks.add(current.toString());
        current.setLength(0);
        current.append(piece);
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current.toString());
    }
    return chunks;
  }

  /** A long paragraph as pieces of at most max chars, cut after sentences where possible. */
  private List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(paragraph);
    StringBuilder current = new StringBuilder();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String sentence = paragraph.substring(start, end).strip();
      if (sentence.isEmpty()) {
        continue;
      }
      if (sentence.length() > max) {
        flush(current, out);
        out.addAll(words(sentence));
      } else if (current.isEmpty()) {
        current.append(sentence);
      } else if (current.length() + 1 + sentence.length() <= target) {
        current.append(' ').append(sentence);
      } else {
        flush(current, out);
        current.append(sentence);
      }
    }
    flush(current, out);
    return out;
  }

  /** A sentence longer than max, cut at the last white space before max, or at max itself. */
  private List<String> words(String sentence) {
    List<String> out = new ArrayList<>();
    String rest = sentence;
    while (rest.length() > max) {
      int cut = -1;
      for (int i = max; i > max / 2; i--) {
        if (Character.isWhitespace(rest.charAt(i))) {
          cut = i;
          break;
        }
      }
      if (cut < 0) {
        cut = Character.isLowSurrogate(rest.charAt(max)) ? max - 1 : max;
      }
      out.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  private static void flush(StringBuilder current, List<String> out) {
    if (!current.isEmpty()) {
      out.add(current.toString());
      current.setLength(0);
    }
  }
}
