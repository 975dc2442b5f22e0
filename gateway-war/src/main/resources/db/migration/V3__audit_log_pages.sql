-- The audit log gets a screen (GET /audit): pages newest first, by (at, id), with a keyset
-- condition on both; the same index serves the retention's "at < cutoff" deletes, so the index on
-- at alone goes.
create index audit_log_at_id_idx on audit_log (at desc, id desc);
drop index audit_log_at_idx;
