-- The knowledge base's retrieval index: each article (and, opt-in, each resolved conversation's
-- answers) cut into passages with their embeddings, as the AI functions' indexer computes them
-- (docs/ai.md#storage-and-indexing). Vectors are
-- kept here as bytea (384 float4, little-endian): this PostgreSQL has no pgvector, and the search
-- itself runs in each AI function's memory (a brute-force scan of 10,000 vectors costs about a
-- millisecond), so the database only has to hold them and hand out what changed.

-- One number per change to the index, in commit order: writers take the index's advisory lock
-- (kb_index_lock below) before drawing one, so a reader that asks "what changed after N" never
-- skips a change committed later with a smaller number.
create sequence kb_index_revision;

-- What the index holds of one source: an article, or (with KB_PAST_ANSWERS) the operators' answers
-- in a resolved conversation. No foreign key: a deleted article leaves a tombstone (deleted = true,
-- no passages) so readers learn of the deletion. Ids are random UUIDs, unique across both kinds.
create table kb_passage_sets (
    source_id       uuid        primary key,
    kind            text        not null check (kind in ('article', 'conversation')),
    revision        bigint      not null unique,
    -- The article's version the passages were cut from; 1 for a conversation.
    source_version  bigint      not null check (source_version >= 1),
    title           text        not null,
    language        text        check (language ~ '^[a-z]{2}$'),
    deleted         boolean     not null,
    -- The embedding model; null for a tombstone.
    model           text,
    indexed_at      timestamptz not null
);

create table kb_passages (
    source_id  uuid    not null references kb_passage_sets (source_id) on delete cascade,
    ordinal    integer not null check (ordinal between 0 and 999),
    text       text    not null check (char_length(text) between 1 and 4000),
    embedding  bytea   not null check (octet_length(embedding) between 4 and 16384),
    primary key (source_id, ordinal)
);
