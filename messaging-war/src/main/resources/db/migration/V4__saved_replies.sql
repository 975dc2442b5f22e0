-- The team's library of saved replies: canned answers an operator inserts in the composer by
-- typing "/" and the shortcut. V4: V3 is another change made at the same time; Flyway applies the
-- versions in order, whichever lands first.
-- The API checks the same rules first and answers with the field at fault; these checks keep the
-- table right whoever writes to it. Lengths are in code points (char_length), as the API counts.
create table saved_replies (
    id         uuid        primary key,
    title      text        not null check (char_length(title) between 1 and 100),
    shortcut   text        not null check (shortcut ~ '^[a-z0-9_-]{1,32}$'),
    body       text        not null check (char_length(body) between 1 and 5000),
    -- Display names from the callers' tokens: who wrote it, who changed it last.
    created_by text        not null,
    created_at timestamptz not null,
    updated_by text        not null,
    updated_at timestamptz not null
);
-- One reply per shortcut: a second one is a 409 naming "shortcut".
create unique index saved_replies_shortcut_uq on saved_replies (shortcut);
