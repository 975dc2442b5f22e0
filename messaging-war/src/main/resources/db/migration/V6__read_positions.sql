-- Unread: each operator's read position per conversation, and when the latest customer message
-- came, so that "unread" is one comparison per conversation.

alter table conversations add column last_customer_message_at timestamptz;
update conversations c set last_customer_message_at = m.created_at
    from messages m where m.id = c.latest_customer_message_id;

-- Everything created at or before read_up_to counts as read by reader (an operator's username).
-- Rows only move forward (ReadPositions' upsert); a conversation nobody opened has none.
create table read_positions (
    reader          text        not null check (char_length(reader) between 1 and 100),
    conversation_id uuid        not null references conversations (id),
    read_up_to      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (reader, conversation_id)
);
