package org.supportinbox.functions.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the passages that best answer a customer message: the {@value #CANDIDATES} best by BM25 on
 * their words ({@link TextIndex}) and the {@value #CANDIDATES} best by cosine of their embeddings,
 * fused by {@link ReciprocalRankFusion} (k = {@value ReciprocalRankFusion#K}).
 *
 * <p>Everything is held in memory: at 10,000 passages of 384 floats that is 15 MB of vectors, and a
 * brute-force scan of them costs about a millisecond, well under what an index would save. Updates
 * ({@link #put}, {@link #remove}) build a new immutable snapshot under a lock and publish it
 * atomically, so {@link #retrieve} never locks and never sees half an article.
 */
public final class HybridRetriever {

  /** How many candidates each side proposes to the fusion. */
  public static final int CANDIDATES = 50;

  private final Embedder embedder;
  private final QueryGlossary glossary;
  private volatile Snapshot snapshot = Snapshot.of(new LinkedHashMap<>());

  /** Without a glossary: every message is searched as it is written. */
  public HybridRetriever(Embedder embedder) {
    this(embedder, QueryGlossary.none());
  }

  /** With the glossaries that translate a message's support words into English ones. */
  public HybridRetriever(Embedder embedder, QueryGlossary glossary) {
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.glossary = Objects.requireNonNull(glossary, "glossary");
  }

  /** Replaces the passages of their article(s), embedding each; other articles are untouched. */
  public void put(List<Passage> passages) {
    List<float[]> vectors = new ArrayList<>(passages.size());
    for (Passage p : passages) {
      vectors.add(embedder.embed(p.indexedText()));
    }
    putEmbedded(passages, vectors);
  }

  /**
   * Replaces the passages of the articles they belong to with these, whose vectors were computed
   * already (read back from storage, say). {@code vectors.get(i)} belongs to {@code
   * passages.get(i)}.
   */
  public synchronized void putEmbedded(List<Passage> passages, List<float[]> vectors) {
    if (passages.size() != vectors.size()) {
      throw new IllegalArgumentException("one vector per passage");
    }
    Map<String, List<Entry>> byArticle = new LinkedHashMap<>(snapshot.byArticle);
    Map<String, List<Entry>> incoming = new LinkedHashMap<>();
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      incoming
          .computeIfAbsent(p.articleId(), k -> new ArrayList<>())
          .add(new Entry(p, normalised(vectors.get(i))));
    }
    byArticle.putAll(incoming);
    snapshot = Snapshot.of(byArticle);
  }

  /**
   * In one rebuild: forgets the articles of {@code removed}, then replaces the passages of the
   * articles of {@code passages} with these (their vectors computed already, {@code vectors.get(i)}
   * for {@code passages.get(i)}). What a reader of many changes at once uses: each rebuild
   * re-indexes every passage held, so one per batch instead of one per article.
   */
  public synchronized void update(
      java.util.Collection<String> removed, List<Passage> passages, List<float[]> vectors) {
    if (passages.size() != vectors.size()) {
      throw new IllegalArgumentException("one vector per passage");
    }
    Map<String, List<Entry>> byArticle = new LinkedHashMap<>(snapshot.byArticle);
    for (String id : removed) {
      byArticle.remove(id);
    }
    Map<String, List<Entry>> incoming = new LinkedHashMap<>();
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      incoming
          .computeIfAbsent(p.articleId(), k -> new ArrayList<>())
          .add(new Entry(p, normalised(vectors.get(i))));
    }
    byArticle.putAll(incoming);
    snapshot = Snapshot.of(byArticle);
  }

  /** Forgets an article's passages (it was deleted). */
  public synchronized void remove(String articleId) {
    Map<String, List<Entry>> byArticle = new LinkedHashMap<>(snapshot.byArticle);
    if (byArticle.remove(articleId) != null) {
      snapshot = Snapshot.of(byArticle);
    }
  }

  /** How many passages are held. */
  public int size() {
    return snapshot.passages.size();
  }

  /** The best {@code limit} passages for a message, best first; empty when nothing is held. */
  public List<ScoredPassage> retrieve(String query, int limit) {
    return retrieve(query, embedder.embed(query), limit);
  }

  /**
   * As {@link #retrieve(String, int)} for a message in {@code language} (ISO 639-1, null when
   * unknown): when the glossary of that language knows some of its words, their English terms are
   * added to the message, for both rankings (BM25 terms and the text embedded). The knowledge base
   * is English and MiniLM reads English, so this is what lets a German or Spanish message meet its
   * article (docs/ai.md#hybrid-search-and-re-rank has the figures).
   */
  public List<ScoredPassage> retrieve(String query, String language, int limit) {
    return retrieve(glossary.expand(query, language), limit);
  }

  /** As {@link #retrieve(String, int)} with the query's embedding already computed. */
  public List<ScoredPassage> retrieve(String query, float[] queryVector, int limit) {
    Snapshot s = snapshot;
    int n = s.passages.size();
    if (n == 0 || limit <= 0) {
      return List.of();
    }
    float[] q = normalised(queryVector);
    double[] cosines = new double[n];
    for (int doc = 0; doc < n; doc++) {
      float[] v = s.vectors[doc];
      double dot = 0;
      for (int i = 0; i < v.length; i++) {
        dot += v[i] * q[i];
      }
      cosines[doc] = dot;
    }
    double[] text = s.text.scores(query);
    List<Integer> byVector = top(cosines, CANDIDATES, false);
    List<Integer> byText = top(text, CANDIDATES, true);
    Map<Integer, Double> fused =
        ReciprocalRankFusion.fuse(List.of(byText, byVector), ReciprocalRankFusion.K);
    return fused.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Integer, Double> e) -> e.getValue())
                .reversed()
                .thenComparing(e -> -cosines[e.getKey()]))
        .limit(limit)
        .map(
            e ->
                new ScoredPassage(
                    s.passages.get(e.getKey()),
                    e.getValue(),
                    cosines[e.getKey()],
                    text[e.getKey()]))
        .toList();
  }

  /** Indices of the {@code k} highest scores, best first; with {@code positiveOnly}, only > 0. */
  static List<Integer> top(double[] scores, int k, boolean positiveOnly) {
    // A bounded selection: k is small (50), so an insertion into a sorted array beats a heap.
    int[] best = new int[Math.min(k, scores.length)];
    int size = 0;
    for (int doc = 0; doc < scores.length; doc++) {
      double score = scores[doc];
      if (positiveOnly && score <= 0) {
        continue;
      }
      if (size == best.length && score <= scores[best[size - 1]]) {
        continue;
      }
      int at = size == best.length ? size - 1 : size++;
      while (at > 0 && scores[best[at - 1]] < score) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = doc;
    }
    List<Integer> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(best[i]);
    }
    return out;
  }

  static float[] normalised(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float[] out = new float[v.length];
    if (sum == 0) {
      return out;
    }
    double norm = Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  private record Entry(Passage passage, float[] vector) {}

  private record Snapshot(
      Map<String, List<Entry>> byArticle,
      List<Passage> passages,
      float[][] vectors,
      TextIndex text) {

    static Snapshot of(Map<String, List<Entry>> byArticle) {
      List<Passage> passages = new ArrayList<>();
      List<float[]> vectors = new ArrayList<>();
      for (List<Entry> entries : byArticle.values()) {
        for (Entry e : entries) {
          passages.add(e.passage());
          vectors.add(e.vector());
        }
      }
      return new Snapshot(
          byArticle,
          List.copyOf(passages),
          vectors.toArray(new float[0][]),
          new TextIndex(passages));
    }
  }
}
