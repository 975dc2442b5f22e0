-- The conversation summary (issue 17): what the customer wants, what was done, what is open, as the
-- AI function wrote it with the insight of a customer message; the thread shows the latest one.
-- V17: V13 to V16 are other changes made at the same time; Flyway applies the versions in order.
alter table ai_insights add column conversation_summary text
    check (char_length(conversation_summary) <= 1000);
