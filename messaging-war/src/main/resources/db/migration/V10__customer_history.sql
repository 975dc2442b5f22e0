-- Returning customers: a customer's other conversations, by email in any case, newest first.
create index conversations_customer_email_idx
    on conversations (lower(customer_email), last_message_at desc, id desc)
    where customer_email is not null;
