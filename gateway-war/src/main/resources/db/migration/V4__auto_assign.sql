-- Round-robin auto-assignment (AUTO_ASSIGN=round_robin): which operators are online (an operator
-- socket open on some gateway instance, refreshed by each instance's sweep), and whose turn it is.

create table operator_presence (
    username text primary key references operators (username) on delete cascade,
    seen_at  timestamptz not null
);

-- The operator who was given a conversation longest ago (or never) is next.
alter table operators add column last_auto_assigned_at timestamptz;
