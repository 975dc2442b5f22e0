package org.supportinbox.functions.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.supportinbox.contracts.events.ArticleChanged;
import org.supportinbox.contracts.rest.ArticleView;
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

  private final MessagingClient messaging;
  private final Embedder embedder;
  private final PassageChunker chunker = new PassageChunker();

  public IndexFunction(MessagingClient messaging, Embedder embedder) {
    this.messaging = messaging;
    this.embedder = embedder;
  }

  @Override
  public List<String> routingKeys() {
    return List.of(ArticleChanged.TYPE);
  }

  @Override
  public Outcome handle(Delivery delivery, ConfirmedPublisher publisher) {
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
