package org.supportinbox.functions.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.supportinbox.contracts.rest.KbPassage;
import org.supportinbox.contracts.rest.PassagePage;
import org.supportinbox.contracts.rest.PassageSetView;
import org.supportinbox.functions.analyze.Knowledge;
import org.supportinbox.functions.analyze.KnowledgePassage;
import org.supportinbox.functions.messaging.MessagingClient;
import org.supportinbox.functions.retrieval.Embedder;
import org.supportinbox.functions.retrieval.HybridRetriever;
import org.supportinbox.functions.retrieval.Passage;
import org.supportinbox.functions.retrieval.QueryGlossary;
import org.supportinbox.functions.retrieval.ScoredPassage;

/**
 * This replica's copy of the knowledge-base index, searched in memory ({@link HybridRetriever}:
 * BM25 and embedding cosine, fused) and kept current from messaging: every {@value
 * #REFRESH_SECONDS} s it asks for the sets changed after the last revision it holds ({@code GET
 * /kb/passages?after=}), which costs one indexed query when nothing changed. A change is searchable
 * on every replica within that interval of being indexed; a deleted article disappears in the same
 * way (messaging writes its tombstone with the deletion).
 *
 * <p>What is found is filtered: a passage whose embedding is less similar to the message than
 * {@link Knowledge#MIN_COSINE} is not shown to any analyzer (docs/ai.md#retrieval has how it was
 * chosen).
 */
public final class KnowledgeIndex implements Knowledge {

  private static final Logger LOG = Logger.getLogger(KnowledgeIndex.class.getName());

  /** Seconds between two looks at messaging's index. */
  public static final int REFRESH_SECONDS = 2;

  /**
   * Candidates taken from the fusion before the filters: many, so that one long article whose
   * passages all look alike cannot fill them and hide every other source (the fusion scores every
   * passage anyway; taking more costs nothing).
   */
  static final int CANDIDATES = HybridRetriever.CANDIDATES;

  /** Passages of one source at most, so one long article cannot crowd out every other. */
  static final int PER_SOURCE = 2;

  /** Sets per page asked for. */
  static final int PAGE = 50;

  private final MessagingClient messaging;
  private final HybridRetriever retriever;
  private final Map<String, Article> articles = new ConcurrentHashMap<>();
  private final Object refreshing = new Object();
  private volatile long revision;
  private volatile boolean failing;
  private ScheduledExecutorService timer;

  private record Article(String kind, String title, String language) {}

  /** With the built-in glossaries ({@link QueryGlossary#load} of no directory). */
  public KnowledgeIndex(MessagingClient messaging, Embedder embedder) {
    this(messaging, embedder, QueryGlossary.load(null));
  }

  /**
   * {@code glossary}: translates the support words of a message in another language than English
   * into the knowledge base's (from {@code AI_EMBEDDED_DIR} and the jar).
   */
  public KnowledgeIndex(MessagingClient messaging, Embedder embedder, QueryGlossary glossary) {
    this.messaging = messaging;
    this.retriever = new HybridRetriever(embedder, glossary);
  }

  /** Passages held now. */
  public int size() {
    return retriever.size();
  }

  /** The revision of the last change applied. */
  public long revision() {
    return revision;
  }

  /**
   * Applies every change messaging's index has after the revision held; the number of sets applied.
   * One caller at a time.
   */
  public int refresh()
      throws MessagingClient.UnavailableException, MessagingClient.RefusedException {
    synchronized (refreshing) {
      // Every change up to now first, then one rebuild of the in-memory index for all of them:
      // a rebuild re-indexes every passage held (0.7 s at 10,000), so never one per article.
      Map<String, PassageSetView> changed = new java.util.LinkedHashMap<>();
      long reached = revision;
      PassagePage page;
      do {
        page = messaging.passagesAfter(reached, PAGE);
        for (PassageSetView set : page.sets()) {
          changed.remove(set.sourceId().toString()); // a later set of the same source wins
          changed.put(set.sourceId().toString(), set);
        }
        reached = page.revision();
      } while (page.more() && !page.sets().isEmpty());
      if (!changed.isEmpty()) {
        apply(changed.values());
      }
      revision = reached;
      return changed.size();
    }
  }

  private void apply(java.util.Collection<PassageSetView> sets) {
    List<String> removed = new ArrayList<>();
    List<Passage> passages = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (PassageSetView set : sets) {
      String id = set.sourceId().toString();
      if (set.deleted() || set.passages().isEmpty()) {
        removed.add(id);
        articles.remove(id);
        continue;
      }
      for (KbPassage p : set.passages()) {
        passages.add(new Passage(id, p.ordinal(), set.title(), p.text()));
        vectors.add(Vectors.decode(p.embedding()));
      }
      articles.put(id, new Article(set.kind(), set.title(), set.language()));
    }
    retriever.update(removed, passages, vectors);
  }

  /**
   * Holds these passages of one article (embedding them), in place of what was held of it: the
   * index of a file ({@code ./inbox analyze --kb}) rather than of messaging.
   */
  public void put(UUID articleId, String title, String language, List<Passage> passages) {
    articles.put(articleId.toString(), new Article(KnowledgePassage.ARTICLE, title, language));
    retriever.put(passages);
  }

  /** Refreshes now, then every {@value #REFRESH_SECONDS} s on a daemon thread, until stopped. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kb-refresh");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /** One refresh from the timer: a failure is logged once, and its end once, not every tick. */
  private void refreshQuietly() {
    try {
      int applied = refresh();
      if (failing) {
        failing = false;
        LOG.info("knowledge base index reachable again at revision " + revision);
      }
      if (applied > 0) {
        LOG.info(
            "knowledge base index: "
                + applied
                + " article(s) changed, "
                + retriever.size()
                + " passage(s) held, revision "
                + revision);
      }
    } catch (MessagingClient.UnavailableException | MessagingClient.RefusedException e) {
      if (!failing) {
        failing = true;
        LOG.warning(
            "cannot read the knowledge base index ("
                + e.getMessage()
                + "); analyses use what is held ("
                + retriever.size()
                + " passages) and it is tried again every "
                + REFRESH_SECONDS
                + " s");
      }
    } catch (RuntimeException e) {
      // A set that cannot be decoded: keep the timer alive, say so every time.
      LOG.severe("knowledge base index refresh failed: " + e);
    }
  }

  @Override
  public List<KnowledgePassage> find(String text, String language) {
    if (retriever.size() == 0 || text == null || text.isBlank()) {
      return List.of();
    }
    List<KnowledgePassage> out = new ArrayList<>();
    Map<String, Integer> perSource = new java.util.HashMap<>();
    // The language's glossary reads the message's support words; when the detector was unsure
    // (stored as null) the caller gives the likeliest language (an unsure French message is better
    // searched with the French glossary than with none). English, or a language without a
    // glossary, adds nothing.
    for (ScoredPassage found : retriever.retrieve(text, language, CANDIDATES)) {
      if (found.cosine() < MIN_COSINE) {
        continue;
      }
      Passage p = found.passage();
      if (perSource.merge(p.articleId(), 1, Integer::sum) > PER_SOURCE) {
        continue;
      }
      Article article = articles.get(p.articleId());
      out.add(
          new KnowledgePassage(
              article == null ? KnowledgePassage.ARTICLE : article.kind(),
              UUID.fromString(p.articleId()),
              p.title(),
              p.text(),
              article == null ? null : article.language(),
              found.cosine()));
      if (out.size() == MAX_PASSAGES) {
        break;
      }
    }
    return out;
  }

  /** For the start-up log line. */
  @Override
  public String toString() {
    return "knowledge base index (" + retriever.size() + " passages, revision " + revision + ")";
  }
}
