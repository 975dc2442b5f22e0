package org.supportinbox.functions.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.supportinbox.contracts.ConversationStatus;
import org.supportinbox.contracts.events.ArticleChanged;
import org.supportinbox.contracts.events.ConversationUpdated;
import org.supportinbox.contracts.rest.AnswerPassagesDraft;
import org.supportinbox.contracts.rest.ArticleView;
import org.supportinbox.contracts.rest.ConversationAnswers;
import org.supportinbox.contracts.rest.KbPassage;
import org.supportinbox.contracts.rest.PassageSetDraft;
import org.supportinbox.functions.messaging.MessagingClient;
import org.supportinbox.functions.retrieval.Embedder;
import org.supportinbox.functions.retrieval.Passage;
import org.supportinbox.functions.retrieval.PassageChunker;
import org.supportinbox.functions.runtime.ConfirmedPublisher;
import org.supportinbox.functions.runtime.EventFunction;
import org.supportinbox.functions.runtime.Json;

/**
 * The knowledge-base indexer: for each {@code article.changed}, reads the article's current text
 * from messaging, cuts it into passages ({@link PassageChunker}), embeds each (title and chunk) and
 * stores them in messaging for that version ({@code PUT /kb/passages/{article_id}}).
 *
 * <p>With {@code KB_PAST_ANSWERS=on} it also takes {@code conversation.updated}: a conversation
 * resolved has its operators' answers (never notes, never the customer's text) cut, embedded and
 * stored as one source ({@code PUT /kb/answers/{conversation_id}}), each answer without its
 * greeting and sign-off lines.
 *
 * <p>Idempotent and order-proof: it always indexes the article as it is now, and messaging takes a
 * set only for the version the article is at, so a redelivered, late or out-of-order event stores
 * the current text or nothing ({@code stale}). A deletion needs no work here: messaging leaves the
 * tombstone in the transaction of the deletion. Runs in every AI function replica, on its own queue
 * ({@code AI_QUEUE}{@code .index}), one event at a time.
 */
public final class IndexFunction implements EventFunction {

  private static final Logger LOG = Logger.getLogger(IndexFunction.class.getName());

  /** The embedding model's name, stored with the vectors. */
  public static final String MODEL = "all-minilm-l6-v2-q";

  /** A reply's first line that only greets (and names) the customer: not kept as knowledge. */
  private static final Pattern GREETING =
      Pattern.compile(
          "(?iu)^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|hoi|guten (tag|morgen)"
              + "|bonjour|bonsoir|hola|buenos d[ií]as|ciao|buongiorno|ol[aá]|goedendag)\\b.{0,60}$");

  /** A reply's last line that only signs off: not kept either. */
  private static final Pattern SIGN_OFF =
      Pattern.compile(
          "(?iu)^(best|regards|kind regards|thanks|thank you|cheers|viele gr[üu](ß|ss)e"
              + "|mit freundlichen gr[üu](ß|ss)en|cordialement|saludos|un saluto|met vriendelijke"
              + " groet|atenciosamente)\\b.{0,40}$");

  private final MessagingClient messaging;
  private final Embedder embedder;
  private final boolean pastAnswers;
  private final PassageChunker chunker = new PassageChunker();

  public IndexFunction(MessagingClient messaging, Embedder embedder) {
    this(messaging, embedder, false);
  }

  /** {@code pastAnswers}: also index the operators' answers in resolved conversations. */
  public IndexFunction(MessagingClient messaging, Embedder embedder, boolean pastAnswers) {
    this.messaging = messaging;
    this.embedder = embedder;
    this.pastAnswers = pastAnswers;
  }

  @Override
  public List<String> routingKeys() {
    return pastAnswers
        ? List.of(ArticleChanged.TYPE, ConversationUpdated.TYPE)
        : List.of(ArticleChanged.TYPE);
  }

  @Override
  public Outcome handle(Delivery delivery, ConfirmedPublisher publisher) {
    if (ConversationUpdated.TYPE.equals(delivery.routingKey())) {
      return pastAnswers ? answers(delivery) : new Outcome.Done("past_answers_off");
    }
    ArticleChanged event;
    try {
      event = Json.MAPPER.readValue(delivery.body(), ArticleChanged.class);
    } catch (JsonProcessingException e) {
      return new Outcome.Poison("unreadable event: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Outcome.Poison("unreadable event: " + e.getMessage());
    }
    if (!ArticleChanged.TYPE.equals(event.eventType()) || event.articleId() == null) {
      return new Outcome.Poison("not an article.changed with an article_id");
    }
    if (ArticleChanged.DELETED.equals(event.change())) {
      return new Outcome.Done("deleted"); // messaging wrote the tombstone with the deletion
    }
    try {
      Optional<ArticleView> found = messaging.article(event.articleId());
      if (found.isEmpty()) {
        return new Outcome.Done("article_gone");
      }
      ArticleView article = found.get();
      long start = System.nanoTime();
      PassageSetDraft draft = passages(article);
      MessagingClient.Stored stored = messaging.storePassages(article.id(), draft);
      LOG.info(
          () ->
              "article "
                  + article.id()
                  + " version "
                  + article.version()
                  + ": "
                  + draft.passages().size()
                  + " passage(s) "
                  + stored.name().toLowerCase(java.util.Locale.ROOT)
                  + " in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms");
      return new Outcome.Done(
          switch (stored) {
            case STORED -> "indexed";
            case STALE -> "stale";
            case GONE -> "article_gone";
          });
    } catch (MessagingClient.UnavailableException e) {
      return new Outcome.Retry("messaging_unreachable", e.getMessage());
    } catch (MessagingClient.RefusedException e) {
      return new Outcome.Poison("messaging refused: " + e.getMessage());
    }
  }

  /**
   * A resolved conversation's operator answers, as passages of one source (the greeting and
   * sign-off lines of each answer left out); anything else about a conversation is no work.
   */
  private Outcome answers(Delivery delivery) {
    ConversationUpdated event;
    try {
      event = Json.MAPPER.readValue(delivery.body(), ConversationUpdated.class);
    } catch (IOException e) {
      return new Outcome.Poison("unreadable event: " + e.getMessage());
    }
    if (event.conversationId() == null) {
      return new Outcome.Poison("a conversation.updated without a conversation_id");
    }
    if (!ConversationStatus.RESOLVED.wire().equals(event.status())) {
      return new Outcome.Done("not_resolved");
    }
    try {
      Optional<ConversationAnswers> found = messaging.answers(event.conversationId());
      if (found.isEmpty()) {
        return new Outcome.Done("conversation_gone");
      }
      ConversationAnswers conversation = found.get();
      if (!ConversationStatus.RESOLVED.wire().equals(conversation.status())) {
        return new Outcome.Done("not_resolved"); // reopened since: its next resolution indexes it
      }
      StringBuilder body = new StringBuilder();
      for (String answer : conversation.answers()) {
        String kept = withoutGreeting(answer);
        if (!kept.isBlank()) {
          body.append(kept).append("\n\n");
        }
      }
      List<KbPassage> out = new ArrayList<>();
      if (body.length() > 0) {
        String id = conversation.conversationId().toString();
        for (Passage p : chunker.passages(id, conversation.title(), body.toString())) {
          if (!p.text().isBlank()) {
            out.add(
                new KbPassage(
                    out.size(), p.text(), Vectors.encode(embedder.embed(p.indexedText()))));
          }
        }
      }
      MessagingClient.Stored stored =
          messaging.storeAnswers(event.conversationId(), new AnswerPassagesDraft(MODEL, out));
      LOG.info(
          () ->
              "conversation "
                  + event.conversationId()
                  + ": "
                  + out.size()
                  + " answer passage(s) "
                  + stored.name().toLowerCase(java.util.Locale.ROOT));
      return new Outcome.Done(
          switch (stored) {
            case STORED -> "indexed";
            case STALE -> "not_resolved";
            case GONE -> "conversation_gone";
          });
    } catch (MessagingClient.UnavailableException e) {
      return new Outcome.Retry("messaging_unreachable", e.getMessage());
    } catch (MessagingClient.RefusedException e) {
      return new Outcome.Poison("messaging refused: " + e.getMessage());
    }
  }

  /** {@code answer} without a first line that only greets, nor a last line that only signs off. */
  static String withoutGreeting(String answer) {
    List<String> lines = new ArrayList<>(answer.strip().lines().toList());
    if (!lines.isEmpty() && GREETING.matcher(lines.get(0).strip()).matches()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.size() > 1 && SIGN_OFF.matcher(lines.get(lines.size() - 1).strip()).matches()) {
      lines.remove(lines.size() - 1);
    } else if (lines.size() > 2
        && SIGN_OFF.matcher(lines.get(lines.size() - 2).strip()).matches()
        && lines.get(lines.size() - 1).strip().length() <= 40) {
      // "Best regards," then the operator's name.
      lines.remove(lines.size() - 1);
      lines.remove(lines.size() - 1);
    }
    return String.join("\n", lines).strip();
  }

  /** The article's passages with their embeddings, for its version. */
  PassageSetDraft passages(ArticleView article) {
    List<KbPassage> out = new ArrayList<>();
    for (Passage p : chunker.passages(article.id().toString(), article.title(), article.body())) {
      if (p.text().isBlank()) {
        continue;
      }
      out.add(new KbPassage(out.size(), p.text(), Vectors.encode(embedder.embed(p.indexedText()))));
    }
    return new PassageSetDraft(article.version(), MODEL, out);
  }
}
