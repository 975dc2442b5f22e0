-- pgbench script of ./inbox bench ingest: the raw PostgreSQL limit for storing a message, i.e. one
-- transaction with a message row and its outbox row (tables: bench/two-inserts-schema.sql).
-- Messaging does more per message (conversation upsert and lock, insight row, conversation
-- update), so this is an upper bound for it, not a like-for-like figure.
\set conversation random(1, 1000)
BEGIN;
INSERT INTO pgbench_messages (id, conversation_id, sender, sender_name, content, client_message_id, created_at)
  VALUES (gen_random_uuid(), md5(:conversation::text)::uuid, 'customer', 'Bench',
          'Hello, my order has not arrived yet. Could you check the delivery status, please?',
          gen_random_uuid()::text, now());
INSERT INTO pgbench_outbox (event_id, event_type, conversation_id, payload, created_at)
  VALUES (gen_random_uuid(), 'message.created', md5(:conversation::text)::uuid,
          '{"event_type":"message.created","schema_version":1,"sender":"customer","sender_name":"Bench","content":"Hello, my order has not arrived yet. Could you check the delivery status, please?"}',
          now());
END;
