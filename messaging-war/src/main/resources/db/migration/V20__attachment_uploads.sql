-- Uploads (issue 18): a file a customer or an operator sends in chat is uploaded first, then bound
-- to the message that sends it, in the message's transaction (moved into attachments, keeping its
-- id). Until then it waits here, owned by its conversation and its side (customer or operator),
-- readable by no one; what is never sent is deleted after a while (AttachmentPurge).
--
-- A table of its own rather than attachments rows without a message: attachments keeps its rule
-- that every file belongs to a message (message_id not null), and every reader of it (threads,
-- events, downloads, mails) stays unaware of uploads.
create table attachment_uploads (
    id              uuid primary key,
    conversation_id uuid        not null references conversations (id),
    sender          text        not null check (sender in ('customer', 'operator')),
    -- Who uploaded it (a token's subject), for the logs.
    uploaded_by     text        not null check (char_length(uploaded_by) between 1 and 200),
    filename        text        not null check (char_length(filename) between 1 and 255),
    -- Sniffed from the bytes: only the types a chat upload may have.
    content_type    text        not null check (content_type in
                        ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
    size            bigint      not null check (size >= 0),
    content         bytea       not null,
    created_at      timestamptz not null,
    check (octet_length(content) = size)
);
create index attachment_uploads_conversation_idx on attachment_uploads (conversation_id, sender);
create index attachment_uploads_created_idx on attachment_uploads (created_at);
alter table attachment_uploads alter column content set storage external;
