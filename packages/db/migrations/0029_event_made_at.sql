-- When an action was made on the user's device, if it reached the server later: a grid worker's report or
-- verification made without signal is sent from the phone's outbox once the network is back. `at` stays the
-- moment the server applied it (the clocks run on it); `made_at` is what the worker's phone says (null: made
-- when it arrived).
alter table order_events add column made_at timestamptz;
