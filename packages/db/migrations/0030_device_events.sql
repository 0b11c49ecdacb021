-- Video and IoT events (天网): cameras and sensors (设备) post detections (事件), signed with a per-device secret.
-- Detections of one type near one spot within a while fold (折叠) into one fold row, which either made one work
-- order (status 'order'), waits for an operator's review (待审核, 'pending') or was dismissed ('dismissed').
create table devices (
  id serial primary key,
  code text not null unique check (length(code) between 1 and 64),
  name text not null,
  kind text not null check (kind in ('camera', 'sensor')),
  lng double precision not null,          -- WGS-84
  lat double precision not null,
  district_code text,
  town_code text,
  village_code text,
  grid_code text,                         -- its basic grid, looked up at registration and on a move
  -- The HMAC key itself (a verifier needs it); shown once on registration and on rotation, never in a view.
  secret text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  secret_rotated_at timestamptz
);

-- What a type of detection becomes: its class in the catalogue, the confidence below which it makes no order,
-- how near (metres, from the fold's first detection) and how soon (minutes after its last) a detection folds
-- into an earlier one, and whether an operator confirms it before it becomes an order.
create table event_types (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_zh text not null,
  name_en text not null,
  category_code text references categories (code),
  threshold real not null default 0.8 check (threshold between 0 and 1),
  fold_radius_m integer not null default 50 check (fold_radius_m between 1 and 5000),
  fold_window_minutes integer not null default 30 check (fold_window_minutes between 1 and 10080),
  review boolean not null default false,
  active boolean not null default true,
  updated_at timestamptz not null default now()
);

create table event_folds (
  id bigint generated always as identity primary key,
  type_code text not null references event_types (code),
  lng double precision not null,          -- the first detection's point
  lat double precision not null,
  district_code text,
  town_code text,
  village_code text,
  grid_code text,
  first_device_id int not null references devices (id),
  first_at timestamptz not null,
  last_at timestamptz not null,
  event_count integer not null default 0,
  max_confidence real not null default 0,
  status text not null check (status in ('order', 'pending', 'dismissed')),
  order_id bigint unique references orders (id),
  reviewed_by int references users (id),
  reviewed_at timestamptz,
  created_at timestamptz not null,
  check ((status = 'order') = (order_id is not null))
);
create index event_folds_recent on event_folds (type_code, last_at);
create index event_folds_pending on event_folds (created_at) where status = 'pending';

-- Each detection once per device and event id (a replay is ignored), linked to its fold (none below the threshold).
create table device_events (
  id bigint generated always as identity primary key,
  device_id int not null references devices (id),
  event_id text not null,
  type_code text not null references event_types (code),
  detected_at timestamptz not null,
  lng double precision not null,
  lat double precision not null,
  grid_code text,
  confidence real not null,
  snapshot text,                          -- the public id of an uploaded file, as the device named it
  fold_id bigint references event_folds (id),
  received_at timestamptz not null,
  unique (device_id, event_id)
);
create index device_events_fold on device_events (fold_id) where fold_id is not null;
