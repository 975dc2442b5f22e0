-- Grounded suggestions: the knowledge-base passages a suggested reply was written from, as a JSON
-- array of {kind, id, title, score} (at most 8; null: none), and what the reply was written from.
alter table ai_insights add column sources text;
alter table ai_insights add column reply_basis text
    check (reply_basis in ('knowledge', 'macro', 'model'));
