-- Every gateway instance keeps the revocations in memory (Denylist) and reads only what changed
-- since its last read, four times a second, instead of querying on every request. A row's
-- changed_xid is the transaction that last wrote it; a reader remembers the oldest transaction still
-- running when it read (pg_snapshot_xmin of its snapshot) and next reads the rows written by that
-- transaction or later: every transaction older than that had finished, so nothing committed late
-- is missed, and a row read twice is applied twice to the same effect.

alter table revoked_tokens add column changed_xid xid8 not null default pg_current_xact_id();
create index revoked_tokens_changed_idx on revoked_tokens (changed_xid);

alter table ended_customer_sessions add column changed_xid xid8 not null default pg_current_xact_id();
create index ended_customer_sessions_changed_idx on ended_customer_sessions (changed_xid);

alter table operators add column changed_xid xid8 not null default pg_current_xact_id();
create index operators_changed_idx on operators (changed_xid);

-- Whatever writes an operator (a role, a password, the disabled flag, anything), its row is read
-- again by every instance.
create function operators_touch_changed_xid() returns trigger language plpgsql as $$
begin
    new.changed_xid := pg_current_xact_id();
    return new;
end
$$;
create trigger operators_changed_xid before update on operators
    for each row execute function operators_touch_changed_xid();
