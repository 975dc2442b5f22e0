-- The knowledge base: articles the team writes (policies, how-tos) that the AI will ground its
-- suggestions in. V7: V6 and V8 are other changes made at the same time; Flyway applies the
-- versions in order, whichever lands first.
-- The API checks the same rules first and answers with the field at fault; these checks keep the
-- table right whoever writes to it. Lengths are in code points (char_length), as the API counts.
create table kb_articles (
    id         uuid        primary key,
    title      text        not null check (char_length(title) between 1 and 200),
    -- Markdown kept as plain text: stored and shown as written, never rendered.
    body       text        not null check (char_length(body) between 1 and 50000),
    -- Lower case, no duplicates, each 1..40 code points (the API checks the elements).
    tags       text[]      not null default '{}' check (cardinality(tags) <= 20),
    -- ISO 639-1, or null when unknown.
    language   text        check (language ~ '^[a-z]{2}$'),
    -- Display names from the callers' tokens: who wrote it, who changed it last.
    created_by text        not null,
    created_at timestamptz not null,
    updated_by text        not null,
    updated_at timestamptz not null,
    -- 1 when created, one more at each change: optimistic concurrency, and what an indexer
    -- compares to drop what it holds of an older text.
    version    bigint      not null check (version >= 1)
);
-- The list: by title in any case, then id.
create index kb_articles_title_idx on kb_articles (lower(title), id);
-- ?tag=: the articles that have a tag.
create index kb_articles_tags_idx on kb_articles using gin (tags);

-- article.changed is about an article, not a conversation: the outbox's conversation id (an AMQP
-- header of the event) is now optional.
alter table outbox alter column conversation_id drop not null;
