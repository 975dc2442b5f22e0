-- Feedback that makes the AI better (issue 17): the insight's language on each feedback, so the AI
-- quality report can group by it, and the admins' review of intent corrections, whose approved ones
-- the AI functions add to the embedded classifier's examples (GET /ai/examples).

-- Copied from the insight when the feedback is given, as model and intent are. Rows stored before
-- this migration take the insight's language now (an analysis done again since may have changed it;
-- most insights are analysed once).
alter table ai_feedback add column language text check (language ~ '^[a-z]{2}$');
update ai_feedback f set language = i.language from ai_insights i where i.message_id = f.message_id;

-- The feed's positions. A review takes the advisory lock below before nextval and holds it until
-- its transaction ends, so positions are committed in their order: a reader that has seen position
-- N never meets a smaller one later (the cursor of GET /ai/examples misses nothing).
create sequence ai_example_seq;

-- One row per message and corrected intent an admin decided on; a later decision replaces the
-- earlier and takes a new position. Approving an intent for a message rejects that message's other
-- approved intent, if any: a text has one intent. text and language are copied at the review, so
-- the example is what the admin saw.
create table ai_examples (
    message_id  uuid        not null references messages (id),
    intent      text        not null check (char_length(intent) between 1 and 40),
    text        text        not null,
    language    text        check (language ~ '^[a-z]{2}$'),
    status      text        not null check (status in ('approved', 'rejected')),
    -- The token's subject (user name) of the admin.
    reviewed_by text        not null check (char_length(reviewed_by) between 1 and 200),
    reviewed_at timestamptz not null,
    seq         bigint      not null unique,
    primary key (message_id, intent)
);
