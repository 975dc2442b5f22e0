package org.supportinbox.contracts.rest;

import java.util.List;
import org.supportinbox.contracts.Required;

/**
 * The body of messaging's {@code PUT /kb/passages/{article_id}}: every passage of one version of an
 * article, replacing those stored before. Messaging refuses it ({@code 409}, field {@code
 * article_version}) when the article is at another version by then, so a late indexer never
 * overwrites a newer text.
 *
 * @param articleVersion the version of the article the passages were cut from
 * @param model the embedding model that computed the vectors ({@code all-minilm-l6-v2-q})
 * @param passages in order of {@code ordinal}, from 0; may be empty (nothing retrievable)
 */
public record PassageSetDraft(
    @Required Long articleVersion, @Required String model, @Required List<KbPassage> passages) {}
