package org.supportinbox.functions.retrieval;

/** Text to vector. The retriever normalises what it gets, so any length is fine. */
@FunctionalInterface
public interface Embedder {

  float[] embed(String text);
}
