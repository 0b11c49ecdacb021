-- The big screen (大屏): a screen token (大屏令牌) puts one wall display on the air without a person signed in. It
-- belongs to an area (the whole district or one town: the leader's scope it shows), not to a user; only its
-- SHA-256 is kept; revoked at once (checked on every request and by the open streams).
create table screen_tokens (
  id serial primary key,
  name text not null,
  area_code text not null references divisions (code),
  token_hash text not null unique,
  created_by int references users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by int references users (id) on delete set null,
  last_seen_at timestamptz
);

-- The screen's figures read the orders closed today (按时办结率, the rankings): only closed orders have the moment.
create index orders_closed_at on orders (closed_at) where closed_at is not null;
