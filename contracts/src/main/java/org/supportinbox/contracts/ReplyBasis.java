package org.supportinbox.contracts;

/**
 * What an insight's suggested reply was written from.
 *
 * <ul>
 *   <li>{@code knowledge}: the knowledge-base passages in the insight's {@code sources} (the LLM
 *       was given them and told to answer from them only; the embedded provider took the answering
 *       sentences of the best one)
 *   <li>{@code macro}: the embedded provider's reply template for the intent, since no passage was
 *       near enough
 *   <li>{@code model}: the LLM on its own, with no passage near enough to give it
 * </ul>
 */
public enum ReplyBasis implements WireEnum {
  KNOWLEDGE,
  MACRO,
  MODEL
}
