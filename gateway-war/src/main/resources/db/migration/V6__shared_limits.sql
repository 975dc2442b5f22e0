-- Limits shared by every gateway instance (issue 20): n instances behind a balancer limit a client
-- as one would.

-- The rate limits' token buckets (Bucket4j's PostgreSQL backend, select ... for update on the
-- row): id is "<limit>/<per minute>:<key>" (a client address, a conversation), state Bucket4j's
-- serialized bucket, expires_at (epoch milliseconds) when the bucket is full again, after which
-- forgetting the row changes nothing; every instance deletes such rows each minute.
create table rate_limit_buckets (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_buckets_expiry_idx on rate_limit_buckets (expires_at);

-- The gateway instances alive now: each stamps its row every sweep (5 s). An instance not heard of
-- for 20 s is dead (crashed, cut off), and its sockets no longer count.
create table gateway_instances (
    id           uuid        primary key,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);

-- Every open WebSocket of every instance, by user (the token's subject), for the per-user cap
-- WS_MAX_SOCKETS_PER_USER over all instances. A dead instance's rows go with its instance row.
create table live_sockets (
    id          uuid        primary key,
    instance_id uuid        not null references gateway_instances (id) on delete cascade,
    username    text        not null,
    opened_at   timestamptz not null
);
create index live_sockets_username_idx on live_sockets (username);
create index live_sockets_instance_idx on live_sockets (instance_id);
