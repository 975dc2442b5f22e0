package org.supportinbox.functions.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Objects;

/**
 * The embedding model already in the jar (all-MiniLM-L6-v2, quantized, 384 dimensions; see {@code
 * analyze.embedded.QuantizedMiniLm}) as an {@link Embedder}. MiniLM was trained on English: other
 * languages embed poorly, which the full-text side of the retriever partly makes up for (docs/ai.md
 * has the figures per language).
 */
public final class MiniLmEmbedder implements Embedder {

  private final EmbeddingModel model;

  public MiniLmEmbedder(EmbeddingModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }
}
