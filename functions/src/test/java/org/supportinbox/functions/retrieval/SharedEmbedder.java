package org.supportinbox.functions.retrieval;

import org.supportinbox.functions.analyze.embedded.QuantizedMiniLm;

/** One MiniLM for all the plain tests of a run: loading it takes a second or two. */
final class SharedEmbedder {

  private static Embedder embedder;

  private SharedEmbedder() {}

  static synchronized Embedder get() {
    if (embedder == null) {
      embedder = new MiniLmEmbedder(new QuantizedMiniLm(1));
    }
    return embedder;
  }
}
