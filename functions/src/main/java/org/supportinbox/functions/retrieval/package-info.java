/**
 * Knowledge-base retrieval: articles cut into passages ({@link
 * org.supportinbox.functions.retrieval.PassageChunker}), each embedded with the model in the jar,
 * and found again for a customer message by a hybrid of full text and vector similarity fused by
 * rank ({@link org.supportinbox.functions.retrieval.HybridRetriever}). Not yet used by the
 * analysis.
 */
package org.supportinbox.functions.retrieval;
