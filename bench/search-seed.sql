-- Seeds messaging's database (schema by its Flyway migrations, already applied) for the search
-- benchmark (bench/search.sh): :conversations conversations of :per messages each (customer and
-- operator turns, every 20th operator message a note), an AI summary per customer message, over the
-- last 365 days. Text is drawn from bench_vocab, 50,000 words whose use follows Zipf's law (a word's
-- frequency about 1/rank, as in real text): ranks 1-200 are real support words, the rest made-up
-- rare words. So the benchmark finds words of every frequency: in most messages, in about 1 %, in a
-- few dozen. psql -v conversations=N -v per=M -f search-seed.sql
\set ON_ERROR_STOP 1
set maintenance_work_mem = '512MB';
set synchronous_commit = off;

create table bench_vocab (rank int primary key, word text not null);
insert into bench_vocab
select n, w from unnest(string_to_array(
  'order the my and to is not refund it you please delivery account help with a for payment '
  'invoice package card email password shipping received still can have we your charged return '
  'item app error login working need this week again cancel subscription price address update '
  'missing broken damaged wrong late tracking number support thanks hello today yesterday days '
  'problem issue when why how what been waiting since change plan upgrade downgrade billing '
  'credit debit bank transfer paid twice double charge receipt discount code coupon voucher '
  'store online website page checkout cart basket product size colour color replacement exchange '
  'warranty repair device phone laptop screen battery charger cable software install download '
  'reset verify verification link expired blocked locked access settings profile notification '
  'message reply urgent asap manager complaint disappointed happy great thank quick question '
  'information details confirm confirmation status courier parcel box opened wet scratched '
  'missed appointment booking reservation ticket flight hotel room date time morning evening '
  'weekend holiday country international customs fee tax vat shipping-label printer scanner '
  'sync backup restore data export import file upload photo video audio speaker headphones',
  ' ')) with ordinality as t(w, n);
insert into bench_vocab
select n, 'q' || substr(md5(n::text), 1, 7) from generate_series((select count(*) + 1 from bench_vocab), 50000) n;

-- n words, each drawn with probability about 1/rank: the rank is exp of a uniform draw over
-- [0, ln 50000]. (A join, not a function reading the vocabulary per message, so that a million
-- messages take a minute, not hours.)
set work_mem = '1GB';
create temp table seeded_conversations as
select g as n, gen_random_uuid() as id,
       now() - interval '365 days' * random() as started
from generate_series(1, :conversations) g;

insert into conversations (id, status, customer_name, customer_email, assignee, created_at,
                           updated_at, last_message_at, last_message_preview, last_message_sender,
                           latest_intent, latest_urgency)
select id,
       (array['open', 'pending', 'resolved', 'resolved', 'resolved'])[1 + n % 5],
       (array['Ann', 'Bob', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Giulia', 'Hiro', 'Ines', 'Jonas'])[1 + n % 10]
         || ' ' || 'Customer' || n,
       'customer' || n || '@example.com',
       case when n % 4 = 0 then null else 'operator' || (n % 20) end,
       started, started + (:per - 1) * interval '7 minutes', started + (:per - 1) * interval '7 minutes',
       'last message', 'operator',
       (array['billing', 'refund', 'shipping', 'technical_issue', 'account', 'other'])[1 + n % 6],
       (array['low', 'normal', 'high'])[1 + n % 3]
from seeded_conversations
order by started;

create temp table seeded_messages as
select gen_random_uuid() as id, c.id as conversation_id, c.n, p, c.started + p * interval '7 minutes' as at
from seeded_conversations c, generate_series(0, :per - 1) p;

insert into messages (id, conversation_id, sender, sender_name, content, created_at, internal)
select m.id, m.conversation_id,
       case when m.p % 2 = 0 then 'customer' else 'operator' end,
       case when m.p % 2 = 0 then 'Customer' || m.n else 'operator' || (m.n % 20) end,
       string_agg(v.word, ' ' order by w.i),
       m.at,
       m.p % 2 = 1 and (m.n + m.p) % 20 = 1
from seeded_messages m
cross join lateral (
  select i, least(50000, greatest(1, floor(exp(random() * ln(50000)))::int)) as r
  from generate_series(1, 6 + (m.n * 7 + m.p * 13) % 20) i) w
join bench_vocab v on v.rank = w.r
group by m.id, m.conversation_id, m.n, m.p, m.at
-- In time order, as a live inbox writes them: the table's physical order follows time.
order by m.at;

insert into ai_insights (message_id, conversation_id, status, intent, summary, suggested_reply,
                         sentiment, urgency, model, attempts, created_at, updated_at)
select m.id, m.conversation_id, 'available',
       (array['billing', 'refund', 'shipping', 'technical_issue', 'account', 'other'])[1 + m.n % 6],
       'Customer writes about ' || string_agg(v.word, ' ' order by w.i),
       'Thank you for reaching out.', 'neutral',
       (array['low', 'normal', 'high'])[1 + (m.n + m.p) % 3],
       'bench', 1, m.at, m.at
from seeded_messages m
cross join lateral (
  select i, least(50000, greatest(1, floor(exp(random() * ln(50000)))::int)) as r
  from generate_series(1, 4 + 0 * m.n) i) w
join bench_vocab v on v.rank = w.r
where m.p % 2 = 0
group by m.id, m.conversation_id, m.n, m.p, m.at
order by m.at;

vacuum analyze conversations;
vacuum analyze messages;
vacuum analyze ai_insights;
vacuum analyze bench_vocab;
