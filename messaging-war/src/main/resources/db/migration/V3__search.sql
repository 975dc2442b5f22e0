-- Operators' full-text search (GET /search): one generated tsvector per searched text, each with a
-- GIN index, queried with websearch_to_tsquery. Every vector holds each word twice: as written
-- ('simple': lower case, no stemming, no stop words, so any language and names match exactly) and
-- as an English stem ('english': "refunds" finds "refund"). Messages are in many languages and the
-- language of each is not known, so no single stemmer fits; the 'simple' half keeps them findable
-- word for word. Queries OR the two forms (JpaSearchRepository).
alter table messages add column search_vector tsvector generated always as
    (to_tsvector('simple', content) || to_tsvector('english', content)) stored;
create index messages_search_idx on messages using gin (search_vector);
-- Newest first across all conversations: a common word is found by walking this index.
create index messages_created_idx on messages (created_at desc, id desc);

-- The customer's name and email; the email also split at "@" and "." so that "jane" or
-- "example" find jane.doe@example.com.
alter table conversations add column search_vector tsvector generated always as
    (to_tsvector('simple', customer_name || ' ' || coalesce(customer_email, '') || ' '
        || regexp_replace(coalesce(customer_email, ''), '[@.+_-]', ' ', 'g'))) stored;
create index conversations_search_idx on conversations using gin (search_vector);

-- The AI summary of a customer message.
alter table ai_insights add column search_vector tsvector generated always as
    (to_tsvector('simple', coalesce(summary, '')) || to_tsvector('english', coalesce(summary, '')))
    stored;
create index ai_insights_search_idx on ai_insights using gin (search_vector);
create index ai_insights_created_idx on ai_insights (created_at desc, message_id desc);
