-- Operators' notes: messages for the team only. Never shown to the customer, never analysed,
-- left out of the AI's conversation context.
alter table messages add column internal boolean not null default false;
alter table messages add constraint messages_internal_operator_ck
    check (not internal or sender = 'operator');
