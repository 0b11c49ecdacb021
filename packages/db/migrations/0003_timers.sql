-- Durable timers (定时器): every due moment (a deadline warning, an overdue escalation, a reminder) is a row,
-- not an in-memory timeout, so it survives restarts and is fired once by whichever worker claims it first
-- (`select … for update skip locked`, see packages/core/src/timers/).
create table timers (
  id bigint generated always as identity primary key,
  kind text not null,                                    -- which handler fires it
  order_id bigint references orders (id),
  dedupe_key text unique,                                -- one logical timer: scheduling it again reschedules it
  payload jsonb not null default '{}',
  due_at timestamptz not null,
  fired_at timestamptz,                                  -- set in the transaction that ran the handler
  attempts int not null default 0,                       -- failed runs so far
  last_error text,                                       -- fired_at and last_error both set: given up
  created_at timestamptz not null default now()
);
-- The sweeper's only access path: due timers in due order, without visiting the fired ones (history) or the
-- far-future backlog of open orders (a range scan up to now).
create index timers_due on timers (due_at) where fired_at is null;
-- Cancelling an order's pending timers when a step ends or the order closes.
create index timers_order on timers (order_id) where fired_at is null;
-- "Fired in the last hour" for monitoring, without scanning the history.
create index timers_fired on timers (fired_at) where fired_at is not null;
