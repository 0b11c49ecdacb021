drop table if exists idempotency_keys, order_events, order_deadlines, order_units, order_reporters, orders,
  files, order_states, calendar_days, components, condition_units, category_conditions, categories, channels,
  natures, urgencies, time_units, login_attempts, api_tokens, sessions, user_scopes, user_roles, users, roles,
  units, grids, divisions, settings cascade;
drop sequence if exists order_code_seq;
