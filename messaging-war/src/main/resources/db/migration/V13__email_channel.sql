-- The email channel (issue 18): conversations that start with a mail to the support address, the
-- mails' ids (a mail read twice is stored once, and answers thread by them), and the delivery of
-- operators' replies by mail, written in the reply's transaction like an outbox row.

alter table conversations add column channel text not null default 'chat'
    check (channel in ('chat', 'email'));
-- The subject of the customer's first mail: replies go out as "Re: <subject> [#<token>]".
alter table conversations add column email_subject text;
-- The conversation's token, in the reply address (support+TOKEN@...) and the subject ([#TOKEN]):
-- it threads a customer's answer whose mail program dropped In-Reply-To and References.
alter table conversations add column email_token text
    check (email_token is null or email_token ~ '^[a-z0-9]{12}$');
create unique index conversations_email_token_uq on conversations (email_token)
    where email_token is not null;

-- The Message-ID (without angle brackets) a customer message came in as, or an operator's reply
-- went out as. Unique in the installation: the same mail read twice is one message.
alter table messages add column email_message_id text
    check (email_message_id is null or char_length(email_message_id) between 1 and 998);
create unique index messages_email_message_id_uq on messages (email_message_id)
    where email_message_id is not null;

-- One row per operator reply (not note) in an email conversation. queued: waiting for the mail
-- function (or for its next try; last_error says why the previous one failed); sending: a replica
-- holds it until claimed_until; sent; failed: given up, last_error says why.
create table email_deliveries (
    message_id      uuid primary key references messages (id),
    conversation_id uuid        not null references conversations (id),
    status          text        not null check (status in ('queued', 'sending', 'sent', 'failed')),
    attempts        integer     not null default 0 check (attempts >= 0),
    last_error      text,
    claimed_by      text,
    claimed_until   timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    sent_at         timestamptz,
    check ((status = 'sending') = (claimed_until is not null)),
    check ((status = 'sent') = (sent_at is not null))
);
create index email_deliveries_conversation_idx on email_deliveries (conversation_id);
-- What is not settled yet, for operations (few rows however large the table grows).
create index email_deliveries_pending_idx on email_deliveries (updated_at)
    where status in ('queued', 'sending');
