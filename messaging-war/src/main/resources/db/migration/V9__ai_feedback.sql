-- What operators did with each message's AI insight (issue 17, "feedback that makes it better"):
-- the suggested reply sent as is, edited then sent, or dismissed, and corrections of the intent,
-- sentiment and urgency. V9: V6, V7 and V8 are other changes made at the same time; Flyway applies
-- the versions in order, whichever lands first.
-- One row per (message, operator, kind): a later feedback of the same kind replaces the earlier
-- one (a second correction of the intent, a dismissed suggestion that was used after all).
-- The insight's model, intent, sentiment and urgency are copied at the time: an analysis done again
-- later must not change what this feedback was about. The corrected intents with the message's
-- text are the labelled examples the embedded classifier will learn from.
-- The API checks the same rules first and answers with the field at fault; these checks keep the
-- table right whoever writes to it.
create table ai_feedback (
    message_id      uuid        not null references messages (id),
    conversation_id uuid        not null references conversations (id),
    -- The token's subject (user name) of the operator.
    operator        text        not null check (char_length(operator) between 1 and 200),
    kind            text        not null check (kind in ('reply', 'intent', 'sentiment', 'urgency')),
    action          text        not null check (action in ('sent_as_is', 'edited', 'dismissed',
                                    'correct_intent', 'correct_sentiment', 'correct_urgency')),
    -- Normalised Levenshtein distance between the suggestion and the text sent: 0 for sent_as_is,
    -- (0, 1] for edited, null otherwise.
    edit_ratio      double precision check (edit_ratio between 0 and 1),
    -- The corrected value, for a correction only.
    value           text,
    model           text        not null,
    intent          text,
    sentiment       text,
    urgency         text,
    created_at      timestamptz not null,
    primary key (message_id, operator, kind),
    check (kind = case action when 'sent_as_is' then 'reply' when 'edited' then 'reply'
                              when 'dismissed' then 'reply' when 'correct_intent' then 'intent'
                              when 'correct_sentiment' then 'sentiment' else 'urgency' end),
    check ((action = 'sent_as_is' and edit_ratio = 0)
        or (action = 'edited' and edit_ratio > 0)
        or (action not in ('sent_as_is', 'edited') and edit_ratio is null)),
    check ((kind = 'reply') = (value is null))
);
-- The AI quality screen reads a range of days.
create index ai_feedback_created_idx on ai_feedback (created_at);
