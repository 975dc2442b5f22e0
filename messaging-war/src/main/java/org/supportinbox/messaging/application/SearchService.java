package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.supportinbox.contracts.rest.SearchPage;
import org.supportinbox.contracts.rest.SearchResult;
import org.supportinbox.messaging.domain.SearchRepository;

/** Operators' full-text search, newest hit first, keyset-paged like the inbox list. */
@ApplicationScoped
public class SearchService {

  @Inject SearchRepository search;

  /**
   * A page of hits after {@code cursor} (null: the newest). The repository's few statements run in
   * one read-only transaction, on one connection.
   */
  @Transactional
  public SearchPage find(SearchRepository.Query query, int limit, Cursor cursor) {
    List<SearchRepository.Hit> rows =
        search.find(
            query,
            cursor == null ? null : cursor.lastMessageAt(),
            cursor == null ? null : cursor.id(),
            limit + 1);
    boolean more = rows.size() > limit;
    List<SearchRepository.Hit> page = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      SearchRepository.Hit last = page.get(page.size() - 1);
      next = new Cursor(last.at(), last.id()).encode();
    }
    return new SearchPage(page.stream().map(SearchService::result).toList(), next);
  }

  private static SearchResult result(SearchRepository.Hit hit) {
    Snippet snippet = Snippet.of(hit.snippet());
    return new SearchResult(
        hit.conversationId(),
        hit.messageId(),
        hit.customerName(),
        hit.matchedIn(),
        hit.internal(),
        snippet.text(),
        snippet.highlights(),
        hit.at(),
        hit.status().wire());
  }

  /** A snippet as plain text and the offsets of its marked words. */
  record Snippet(String text, List<SearchResult.Highlight> highlights) {

    /** Removes the marks ({@link SearchRepository#MARK_START} ... {@code MARK_END}). */
    static Snippet of(String marked) {
      StringBuilder text = new StringBuilder(marked.length());
      List<SearchResult.Highlight> highlights = new ArrayList<>();
      int start = -1;
      for (int i = 0; i < marked.length(); i++) {
        char c = marked.charAt(i);
        if (c == SearchRepository.MARK_START) {
          start = text.length();
        } else if (c == SearchRepository.MARK_END) {
          if (start >= 0 && text.length() > start) {
            highlights.add(new SearchResult.Highlight(start, text.length()));
          }
          start = -1;
        } else {
          text.append(c);
        }
      }
      return new Snippet(text.toString(), List.copyOf(highlights));
    }
  }
}
