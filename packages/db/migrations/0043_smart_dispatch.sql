-- 智能分拨 (smart dispatch): the models a background job trains from the catalogue, the taxonomy and the orders'
-- dispatches and returns (core/smart-dispatch). One row per training run: its version, its progress while it runs,
-- what it learned from, its evaluation and its weights (JSON). The server suggests with the newest ready model.
create table dispatch_models (
  version int primary key,
  state text not null default 'training' check (state in ('training', 'ready', 'failed')),
  progress real not null default 0 check (progress between 0 and 1),
  stage text not null default 'queued',
  started_at timestamptz not null default now(),
  trained_at timestamptz,
  started_by int references users (id),
  last_event_id bigint not null default 0,               -- the newest order_events row learned (dispatch, redispatch, return)
  examples jsonb not null default '{}',                  -- counts by source: conditions, units, taxonomy, dispatches, returns
  evaluation jsonb,                                      -- figures measured when it was trained
  weights jsonb,                                         -- the model (core/smart-dispatch/dispatch-model.rules.ts)
  error text
);
create index dispatch_models_ready on dispatch_models (version desc) where state = 'ready';
