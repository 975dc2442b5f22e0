package org.supportinbox.contracts.rest;

import java.util.List;
import org.supportinbox.contracts.Required;

/**
 * The body of messaging's {@code PUT /kb/answers/{conversation_id}}: the passages of a resolved
 * conversation's operator answers (past answers, opt-in with {@code KB_PAST_ANSWERS}), replacing
 * what the index held of it.
 *
 * @param model the embedding model that computed the vectors
 * @param passages in order of {@code ordinal}, from 0; may be empty (nothing worth keeping)
 */
public record AnswerPassagesDraft(@Required String model, @Required List<KbPassage> passages) {}
