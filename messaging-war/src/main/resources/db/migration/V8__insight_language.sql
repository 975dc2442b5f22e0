-- The customer's language as the AI function detected it (ISO 639-1, e.g. 'de'); null when the
-- message was too short or unclear to tell, and for insights stored before this column.
alter table ai_insights add column language text check (language ~ '^[a-z]{2}$');
