-- The gateway's schema (a database of its own): who may log in, and which tokens no longer work.
-- Flyway applies it at start-up; Hibernate only validates against it.

create table operators (
    username      text primary key check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name  text        not null,
    role          text        not null check (role in ('admin', 'operator')),
    -- PBKDF2-HMAC-SHA256: "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>"
    password_hash text        not null,
    disabled      boolean     not null default false,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

-- Failed logins per user name (known or not, so the answer never tells which), for the back-off.
create table login_failures (
    username        text primary key,
    failures        integer     not null,
    locked_until    timestamptz,
    last_failure_at timestamptz not null
);

-- Logged-out tokens, by jti, until they would have expired anyway.
create table revoked_tokens (
    jti        text primary key,
    expires_at timestamptz not null
);
create index revoked_tokens_expiry_idx on revoked_tokens (expires_at);
