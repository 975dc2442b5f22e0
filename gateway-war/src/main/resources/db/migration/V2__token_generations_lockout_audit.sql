-- Security review fixes (see docs/security.md).

-- Every change to an operator's role, password or disabled flag moves this on; a token carries the
-- generation it was issued under (claim "gen") and stops working once the account's is higher.
alter table operators add column token_generation bigint not null default 0;

-- Failed logins per user name and client address (an IPv4 address, or an IPv6 /64), so that
-- guesses from one address never lock the account for everybody else; the row with client '*'
-- counts the name's failures from every address (the slower, name-wide limit). Counts decay.
drop table login_failures;
create table login_failures (
    username        text        not null,
    client          text        not null,
    failures        integer     not null,
    locked_until    timestamptz,
    last_failure_at timestamptz not null,
    primary key (username, client)
);
create index login_failures_age_idx on login_failures (last_failure_at);

-- Conversations whose customer ended the chat (logout, "New chat"): every customer token of the
-- conversation stops working, and its start request can no longer be replayed for a new one.
create table ended_customer_sessions (
    conversation_id uuid        primary key,
    ended_at        timestamptz not null
);

-- Security-relevant events: account locks, operator changes. Append-only for the application.
create table audit_log (
    id      bigserial   primary key,
    at      timestamptz not null,
    action  text        not null,
    actor   text,
    subject text,
    client  text,
    detail  text
);
create index audit_log_at_idx on audit_log (at);
