-- Patrol tracks (巡查轨迹): the positions a grid worker's phone recorded while patrolling, kept after filtering
-- (vague fixes and jumps dropped), each with the basic grid it lies in; and the batches they came in, so that a
-- batch sent again (the phone's outbox retrying) is answered as before and stored once.
create table patrol_batches (
  user_id int not null references users (id),
  key text not null,
  received_at timestamptz not null,
  result jsonb not null,
  primary key (user_id, key)
);
create table patrol_points (
  id bigint generated always as identity primary key,
  user_id int not null references users (id),
  grid_code text,
  lng double precision not null,          -- WGS-84
  lat double precision not null,
  accuracy real,
  at timestamptz not null,                -- when the phone recorded it
  received_at timestamptz not null
);
create index patrol_points_grid on patrol_points (grid_code, at);
create index patrol_points_user on patrol_points (user_id, at);
