package org.supportinbox.contracts.rest;

import org.supportinbox.contracts.Required;

/**
 * One retrievable chunk of a knowledge-base article, with its embedding, as the indexer stores it
 * ({@code PUT /kb/passages/{article_id}}) and the AI functions read it back ({@code GET
 * /kb/passages}).
 *
 * @param ordinal its place in the article, 0 for the first
 * @param text the chunk, plain text as in the article
 * @param embedding the vector of the article's title and the chunk: base64 of its floats as IEEE
 *     754 single precision, little-endian (384 of them for the shipped model)
 */
public record KbPassage(int ordinal, @Required String text, @Required String embedding) {}
