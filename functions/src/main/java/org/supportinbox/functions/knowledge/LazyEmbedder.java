package org.supportinbox.functions.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.function.Supplier;
import org.supportinbox.functions.retrieval.Embedder;
import org.supportinbox.functions.retrieval.MiniLmEmbedder;

/**
 * The embedding model, loaded the first time something is embedded: a replica with {@code
 * AI_PROVIDER=ollama} and an empty knowledge base never pays its memory (about 250 MB of RSS). The
 * supplier is the replica's one model, shared with the embedded analyzer when that runs.
 */
public final class LazyEmbedder implements Embedder {

  private final Supplier<EmbeddingModel> model;
  private volatile MiniLmEmbedder loaded;

  public LazyEmbedder(Supplier<EmbeddingModel> model) {
    this.model = model;
  }

  @Override
  public float[] embed(String text) {
    MiniLmEmbedder e = loaded;
    if (e == null) {
      synchronized (this) {
        if (loaded == null) {
          loaded = new MiniLmEmbedder(model.get());
        }
        e = loaded;
      }
    }
    return e.embed(text);
  }
}
