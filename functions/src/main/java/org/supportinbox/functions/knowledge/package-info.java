/**
 * The team's knowledge for the analysis: {@link org.supportinbox.functions.knowledge.IndexFunction}
 * cuts each changed article into passages and stores them with their embeddings in messaging;
 * {@link org.supportinbox.functions.knowledge.KnowledgeIndex} keeps every replica's in-memory copy
 * current and finds the passages for a message.
 */
package org.supportinbox.functions.knowledge;
