-- The inbox's views (Mine, Unassigned, Open, Pending, Snoozed, Resolved), their counts, sorting by
-- urgency, and snoozing.

-- Snoozed: out of the open view until snoozed_until, or until the customer writes.
alter table conversations drop constraint conversations_status_check;
alter table conversations add constraint conversations_status_check
    check (status in ('open', 'pending', 'snoozed', 'resolved'));
alter table conversations add column snoozed_until timestamptz;
alter table conversations add constraint conversations_snoozed_until_ck
    check ((status = 'snoozed') = (snoozed_until is not null));
-- What the wake-up job looks for (SnoozeAlarm): few rows, however large the table.
create index conversations_snooze_idx on conversations (snoozed_until) where status = 'snoozed';

-- Sorting by urgency: high, normal, low, then none; ties by last activity.
alter table conversations add column urgency_rank smallint generated always as
    (case latest_urgency when 'high' then 3 when 'normal' then 2 when 'low' then 1 else 0 end) stored;
create index conversations_status_urgency_idx
    on conversations (status, urgency_rank desc, last_message_at desc, id desc);

-- Mine (an assignee's) and Unassigned, newest activity first.
create index conversations_assignee_activity_idx
    on conversations (assignee, status, last_message_at desc, id desc) where assignee is not null;
create index conversations_unassigned_activity_idx
    on conversations (status, last_message_at desc, id desc) where assignee is null;
