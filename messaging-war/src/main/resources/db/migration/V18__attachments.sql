-- Attachments (issue 18): the files of a message, stored with it in the message's transaction.
--
-- bytea, not large objects: a file is at most ATTACHMENT_MAX_BYTES (10 MiB by default, 25 MiB a
-- mail), far below bytea's 1 GB, and is read and written whole; a bytea row is transactional with
-- the message, goes with pg_dump and replication like every other row, and is freed by deleting
-- the row, where a large object is a separate object that leaks (vacuumlo) unless every delete
-- path unlinks it, and needs the lo_* API instead of plain SQL. TOAST keeps the bytes out of the
-- row, so the metadata columns stay cheap to read; the bytes are read only by a download.
create table attachments (
    id              uuid primary key,
    message_id      uuid        not null references messages (id),
    conversation_id uuid        not null references conversations (id),
    -- The order the files came in, from 0.
    position        smallint    not null check (position between 0 and 99),
    -- Sanitised: no path, no control characters.
    filename        text        not null check (char_length(filename) between 1 and 255),
    -- Sniffed from the bytes when stored (type/subtype, lower case, no parameters).
    content_type    text        not null check (content_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$'),
    size            bigint      not null check (size >= 0),
    content         bytea       not null,
    created_at      timestamptz not null,
    check (octet_length(content) = size),
    unique (message_id, position)
);
create index attachments_conversation_idx on attachments (conversation_id);
-- Most attachments (PDF, PNG, JPEG, ZIP) are compressed already: store them without trying again.
alter table attachments alter column content set storage external;
