-- The rate limits' buckets, every take of a request in one statement (issue 19): a customer
-- message takes from two buckets (its conversation's and its client address's); with Bucket4j's
-- backend (V6) that was two transactions of a locking read, a write and a commit each.
--
-- Each bucket is one timestamp, the GCRA's theoretical arrival time (tat, microseconds since the
-- epoch on the database's clock): a bucket of n tokens a minute is refilled one token every
-- 60 s / n and is full when tat <= now. A take moves tat to max(tat, now) + 60 s / n and is
-- allowed while that is at most n * 60 s / n ahead of now, which is exactly a token bucket of
-- capacity n refilled evenly over a minute. The database's clock is the only clock: instances
-- whose clocks disagree still share buckets exactly.
--
-- No index on tat: a take then updates its row in place (a HOT update, room left by the fill
-- factor) instead of adding an index entry per take; the sweep that forgets full buckets reads the
-- table once a minute instead.
create table rate_limits (
    id  text   primary key,
    tat bigint not null
) with (fillfactor = 80);

-- Takes one token from each bucket (keys[i] holding per_minute[i] tokens a minute), or from none
-- when any of them has none: returns, per key, the microseconds until its bucket has a token again
-- (0 when it has one now); the takes were made exactly when every entry is 0. Missing buckets are
-- full. Rows are inserted and then locked in key order, so two calls over the same keys wait for
-- each other and never deadlock.
-- Meant to be the whole of its transaction (the gateway calls it in autocommit): it turns
-- synchronous_commit off for the transaction it runs in.
create function take_rate_limits(keys text[], per_minute int[]) returns bigint[]
language plpgsql as $$
declare
    now_us  bigint;
    waits   bigint[];
    refused boolean;
begin
    -- Plain expressions, no statements: a call costs the four statements below and nothing more.
    -- A rate below 1 a minute fails as a division by zero or a negative wait; the gateway never
    -- sends one (its settings must be at least 1).
    if cardinality(keys) is distinct from cardinality(per_minute) then
        raise exception 'take_rate_limits: % keys but % rates',
            cardinality(keys), cardinality(per_minute);
    end if;
    insert into rate_limits (id, tat)
        select k, 0 from unnest(keys) as k order by k
        on conflict (id) do nothing;
    perform 1 from rate_limits where id = any (keys) order by id for update;
    now_us := (extract(epoch from clock_timestamp()) * 1000000)::bigint;
    select array_agg(w.wait order by w.i), bool_or(w.wait > 0)
        into waits, refused
        from (select t.i,
                     greatest(0, greatest(l.tat, now_us) + 60000000 / t.n
                                 - now_us - t.n::bigint * (60000000 / t.n)) as wait
                from unnest(keys, per_minute) with ordinality as t(id, n, i)
                join rate_limits l on l.id = t.id) as w;
    if refused then
        return waits;
    end if;
    -- A bucket's state is worth less than a commit's wait for its WAL flush: a crash of the
    -- database may forget the last fraction of a second of takes (those buckets refill a little
    -- early, once), so this transaction commits without waiting for the flush.
    perform set_config('synchronous_commit', 'off', true);
    update rate_limits l
        set tat = greatest(l.tat, now_us) + 60000000 / t.n
        from unnest(keys, per_minute) as t(id, n)
        where l.id = t.id;
    return waits;
end
$$;

-- V6's table is no longer used; it stays until a later migration so that instances of the
-- previous version running during a rolling upgrade keep their limits.
comment on table rate_limit_buckets is 'unused since V7 (rate_limits); dropped by a later migration';
