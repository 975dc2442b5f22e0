-- The email fallback for chat customers (issue 18): an operator's reply in a chat conversation
-- whose customer gave an email is mailed to them after EMAIL_FALLBACK_AFTER, unless they read it
-- in the chat first. It goes through email_deliveries like an email conversation's reply, so the
-- same claims, retries and exactly-once rules hold; what is new is a row that waits.

-- email: a reply of an email conversation, mailed at once (every row before this migration).
-- fallback: a reply of a chat conversation, mailed at due_at unless the customer read it first.
alter table email_deliveries add column kind text not null default 'email'
    check (kind in ('email', 'fallback'));
-- When the mail may go out: the reply's time for 'email', plus EMAIL_FALLBACK_AFTER for 'fallback'.
alter table email_deliveries add column due_at timestamptz;
update email_deliveries set due_at = created_at;
alter table email_deliveries alter column due_at set not null;

-- scheduled: a fallback waiting for due_at (FallbackAlarm then makes it queued, or not_needed).
-- not_needed: settled without a mail, as the customer read the reply in the chat first.
alter table email_deliveries drop constraint email_deliveries_status_check;
alter table email_deliveries add constraint email_deliveries_status_check
    check (status in ('scheduled', 'queued', 'sending', 'sent', 'failed', 'not_needed'));
-- Only a fallback waits or turns out not to be needed.
alter table email_deliveries add constraint email_deliveries_kind_status_check
    check (kind = 'fallback' or status not in ('scheduled', 'not_needed'));

drop index email_deliveries_pending_idx;
create index email_deliveries_pending_idx on email_deliveries (updated_at)
    where status in ('scheduled', 'queued', 'sending');
-- What the alarm looks at: few rows (the fallbacks of the last few minutes).
create index email_deliveries_due_idx on email_deliveries (due_at) where status = 'scheduled';

-- The customer's read position in a chat conversation (POST /customer/read through the gateway):
-- every message created at or before it counts as read by the customer. Only moves forward.
alter table conversations add column customer_read_up_to timestamptz;
