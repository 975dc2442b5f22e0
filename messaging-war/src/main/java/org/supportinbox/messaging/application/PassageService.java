package org.supportinbox.messaging.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.Sender;
import org.supportinbox.contracts.rest.ConversationAnswers;
import org.supportinbox.contracts.rest.KbPassage;
import org.supportinbox.contracts.rest.PassagePage;
import org.supportinbox.contracts.rest.PassageSetView;
import org.supportinbox.messaging.domain.Article;
import org.supportinbox.messaging.domain.ArticleRepository;
import org.supportinbox.messaging.domain.Clock;
import org.supportinbox.messaging.domain.Conversation;
import org.supportinbox.messaging.domain.ConversationRepository;
import org.supportinbox.messaging.domain.Message;
import org.supportinbox.messaging.domain.MessageRepository;
import org.supportinbox.messaging.domain.NotFoundException;
import org.supportinbox.messaging.domain.PassageRepository;
import org.supportinbox.messaging.domain.PassageSet;
import org.supportinbox.platform.ConflictException;

/**
 * The knowledge base's retrieval index, written by the AI functions' indexer and read by every
 * analyzing replica (the REST layer checks the role and the values). A set is stored only for the
 * version of the article it was cut from: the article is locked as a change to it is, so a set and
 * a change of the same article run one after the other, and a set of an older version is refused.
 */
@ApplicationScoped
public class PassageService {

  @Inject ArticleRepository articles;

  @Inject PassageRepository passages;

  @Inject ConversationRepository conversations;

  @Inject MessageRepository messages;

  /**
   * Stores the passages of version {@code articleVersion} of an article in place of what the index
   * held of it. 404 when the article does not exist (deleted meanwhile: its tombstone is written by
   * the deletion), 409 naming {@code article_version} when it is at another version by now.
   */
  @Transactional
  public PassageSetView store(
      UUID articleId, long articleVersion, String model, List<PassageSet.Stored> given) {
    Article article = articles.lock(articleId);
    if (article == null) {
      throw new NotFoundException("article", articleId);
    }
    if (article.version() != articleVersion) {
      throw new ConflictException(
          "article_version",
          "the article is at version "
              + article.version()
              + ", not "
              + articleVersion
              + ": index the current text");
    }
    long revision =
        passages.replace(
            PassageSet.ARTICLE,
            articleId,
            articleVersion,
            article.title(),
            article.language(),
            model,
            given,
            Clock.now());
    return view(
        new PassageSet(
            PassageSet.ARTICLE,
            articleId,
            revision,
            articleVersion,
            article.title(),
            article.language(),
            false,
            model,
            Clock.now(),
            given));
  }

  /** Longest title of a conversation's set: the first line of its first customer message. */
  static final int TITLE_MAX = 120;

  /**
   * What the indexer reads of a conversation for past answers: its status, a title (the first line
   * of the customer's first message) and the operators' replies, oldest first; never a note.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ConversationAnswers answers(UUID conversationId) {
    Conversation conversation = conversations.find(conversationId);
    if (conversation == null) {
      throw new NotFoundException("conversation", conversationId);
    }
    String title = null;
    List<String> answers = new ArrayList<>();
    for (Message m : messages.ofConversation(conversationId)) {
      if (m.internal()) {
        continue;
      }
      if (m.sender() == Sender.CUSTOMER && title == null) {
        title = firstLine(m.content());
      } else if (m.sender() == Sender.OPERATOR) {
        answers.add(m.content());
      }
    }
    return new ConversationAnswers(
        conversationId,
        conversation.status().wire(),
        title == null ? "Conversation" : title,
        answers);
  }

  /**
   * Stores the passages of a resolved conversation's answers in place of what the index held of it:
   * 404 when there is no such conversation, 409 naming {@code status} when it is not resolved
   * (reopened meanwhile: its next resolution indexes it again). The title is messaging's own (the
   * first line of the customer's first message), not the caller's.
   */
  @Transactional
  public PassageSetView storeAnswers(
      UUID conversationId, String model, List<PassageSet.Stored> given) {
    Conversation conversation = conversations.findForUpdate(conversationId);
    if (conversation == null) {
      throw new NotFoundException("conversation", conversationId);
    }
    if (conversation.status() != ConversationStatus.RESOLVED) {
      throw new ConflictException(
          "status",
          "the conversation is "
              + conversation.status().wire()
              + ", not resolved: only a resolved conversation's answers are indexed");
    }
    String title = answers(conversationId).title();
    long revision =
        passages.replace(
            PassageSet.CONVERSATION, conversationId, 1, title, null, model, given, Clock.now());
    return view(
        new PassageSet(
            PassageSet.CONVERSATION,
            conversationId,
            revision,
            1,
            title,
            null,
            false,
            model,
            Clock.now(),
            given));
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.codePointCount(0, line.length()) <= TITLE_MAX
        ? line
        : line.substring(0, line.offsetByCodePoints(0, TITLE_MAX - 1)) + "…";
  }

  /** The sets changed after {@code revision}, in revision order, at most {@code limit}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PassagePage after(long revision, int limit) {
    // One more than asked tells whether another page follows.
    List<PassageSet> sets = passages.after(revision, limit + 1);
    boolean more = sets.size() > limit;
    List<PassageSetView> page = sets.stream().limit(limit).map(PassageService::view).toList();
    return new PassagePage(
        page, page.isEmpty() ? revision : page.get(page.size() - 1).revision(), more);
  }

  static PassageSetView view(PassageSet set) {
    Base64.Encoder base64 = Base64.getEncoder();
    return new PassageSetView(
        set.kind(),
        set.sourceId(),
        set.revision(),
        set.version(),
        set.title(),
        set.language(),
        set.deleted(),
        set.model(),
        set.indexedAt(),
        set.passages().stream()
            .map(p -> new KbPassage(p.ordinal(), p.text(), base64.encodeToString(p.embedding())))
            .toList());
  }
}
