-- Liandong foundation schema: territory, organisation and access, catalogue, calendar, work orders.
-- Runs unchanged on the embedded PGlite and on a PostgreSQL server. All times are timestamptz (UTC in the
-- session); the working calendar interprets them in China Standard Time (UTC+8, no daylight saving).

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- ───────────── Territory (区划/网格) ─────────────
create table divisions (
  code text primary key check (code ~ '^[0-9]{12}$'),   -- national 12-digit statistical division code
  name text not null,
  level text not null check (level in ('province', 'city', 'district', 'town', 'village')),
  parent_code text references divisions (code),
  kind text,                                             -- 街道 / 镇 / 社区居委会 / 村委会 ...
  geometry jsonb,                                        -- GeoJSON (WGS-84), optional
  updated_at timestamptz not null default now()
);
create index divisions_parent on divisions (parent_code);

create table grids (
  id serial primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('basic', 'professional')),
  specialty text check (specialty in ('work_safety', 'fire', 'environment', 'labour')),
  level smallint not null default 4 check (level between 1 and 4),
  parent_id int references grids (id),
  village_code text references divisions (code),
  town_code text references divisions (code),
  district_code text references divisions (code),
  geometry jsonb not null,                               -- GeoJSON Polygon or MultiPolygon, WGS-84
  households int,
  population int,
  enterprises int,
  updated_at timestamptz not null default now(),
  check ((kind = 'basic') = (specialty is null))
);
create index grids_town on grids (town_code);

-- ───────────── Organisation and access (组织/用户/权限) ─────────────
create table units (
  id serial primary key,
  code text not null unique,
  name text not null,
  name_en text,
  kind text not null check (kind in ('centre', 'sub_centre', 'department', 'station', 'grid_team')),
  level text not null check (level in ('city', 'district', 'town', 'village', 'grid')),
  parent_id int references units (id),
  division_code text references divisions (code),
  leader_name text,
  leader_phone text,
  enforcement boolean not null default false,            -- 综合执法: orders it closes count as solved by enforcement
  active boolean not null default true
);
create index units_parent on units (parent_id);

create table roles (
  code text primary key,
  name_zh text not null,
  name_en text not null
);

create table users (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  password_hash text,
  phone text,
  unit_id int references units (id),
  grid_worker_kind text check (grid_worker_kind in ('full_time', 'part_time')),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table user_roles (
  user_id int not null references users (id) on delete cascade,
  role text not null references roles (code),
  primary key (user_id, role)
);

-- A user's data scope: units he works for (and their sub-units) and areas (division or grid codes).
create table user_scopes (
  id serial primary key,
  user_id int not null references users (id) on delete cascade,
  unit_id int references units (id),
  area_code text,
  check ((unit_id is null) <> (area_code is null))
);
create index user_scopes_user on user_scopes (user_id);

create table sessions (
  id text primary key,                                   -- sha-256 of the session token
  user_id int not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id serial primary key,
  name text not null,
  token_hash text not null unique,
  user_id int not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz
);

create table login_attempts (
  id bigint generated always as identity primary key,
  username text not null,
  ip text not null,
  success boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_recent on login_attempts (username, at);
create index login_attempts_ip on login_attempts (ip, at);

-- ───────────── Catalogue (事件部件清单) ─────────────
create table time_units (
  code text primary key check (code in ('urgent_hours', 'working_hours', 'working_days', 'natural_days')),
  name_zh text not null,
  name_en text not null
);

create table urgencies (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  sort int not null default 0
);

create table natures (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  sort int not null default 0,
  active boolean not null default true
);

create table channels (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  intake_level text not null default 'district' check (intake_level in ('district', 'town')),
  sort int not null default 0,
  active boolean not null default true
);

create table categories (
  code text primary key,
  kind text not null check (kind in ('event', 'component')),
  level text not null check (level in ('major', 'minor')),
  parent_code text references categories (code),
  name text not null,
  name_en text,
  standard_ref text,                                     -- e.g. 'GB/T 47678.5-2026 A.1'
  sort int not null default 0,
  active boolean not null default true,
  check ((level = 'major') = (parent_code is null))
);
create index categories_parent on categories (parent_code);

create table category_conditions (
  id serial primary key,
  code text not null unique,
  category_code text not null references categories (code),
  description text not null,                             -- 立案条件
  response_value numeric not null check (response_value > 0),
  response_unit text not null references time_units (code),
  handle_value numeric not null check (handle_value > 0),
  handle_unit text not null references time_units (code),
  closing_standard text not null,                        -- 结案标准
  urgency text not null default 'normal' references urgencies (code),
  handling_level text not null default 'department' check (handling_level in ('department', 'town', 'village', 'grid')),
  active boolean not null default true
);
create index category_conditions_category on category_conditions (category_code);

-- Responsible units of a condition: lead (主办) and co-handlers (协办), either a fixed unit or the
-- territorial centre (属地) of the order's town, optionally only for one area.
create table condition_units (
  id serial primary key,
  condition_id int not null references category_conditions (id) on delete cascade,
  role text not null check (role in ('lead', 'co')),
  unit_id int references units (id),
  territorial boolean not null default false,
  area_code text references divisions (code),
  check ((unit_id is not null) <> territorial)
);
create index condition_units_condition on condition_units (condition_id);

create table components (
  id bigint generated always as identity primary key,
  code text not null unique,                             -- 6 division + 5 type + 6 sequence
  category_code text not null references categories (code),
  name text not null,
  owner_unit_id int references units (id),
  owner_name text,
  lng double precision not null,
  lat double precision not null,
  grid_code text,
  status text not null default 'normal',
  updated_at timestamptz not null default now()
);

-- ───────────── Working calendar (工作日历) ─────────────
-- Only days that differ from the default rule (Mon–Fri work, Sat–Sun rest) are stored.
create table calendar_days (
  day date primary key,
  is_workday boolean not null,
  name text,
  source text not null default 'chinese-days'
);

-- ───────────── Work orders (工单) ─────────────
create table order_states (
  code text primary key,
  type text not null check (type in ('new', 'open', 'handling', 'suspended', 'closed', 'voided')),
  label_zh text not null,
  label_en text not null,
  sort int not null default 0
);

create table files (
  id bigint generated always as identity primary key,
  name text not null,
  content_type text not null,
  size int not null,
  sha256 text not null,
  data bytea not null,
  uploaded_by int references users (id),
  created_at timestamptz not null default now()
);

create sequence order_code_seq;

create table orders (
  id bigint generated always as identity primary key,
  code text not null unique,
  state text not null references order_states (code),
  channel text not null references channels (code),
  nature text not null references natures (code),
  description text not null,
  address text,
  lng double precision not null,                          -- WGS-84
  lat double precision not null,
  district_code text references divisions (code),
  town_code text references divisions (code),
  village_code text references divisions (code),
  grid_code text,
  professional_grid_codes text[] not null default '{}',
  category_code text references categories (code),
  condition_id int references category_conditions (id),
  urgency text not null default 'normal' references urgencies (code),
  level text not null check (level in ('grid', 'village', 'town', 'district')),
  dispatch_unit_id int references units (id),             -- the centre that dispatches it now
  handler_unit_id int references units (id),              -- the lead unit handling it now
  component_code text,
  confidential boolean not null default false,
  self_handled boolean not null default false,
  solved_level text check (solved_level in ('grid', 'village', 'town', 'district', 'enforcement')),
  resume_state text references order_states (code),      -- where a suspended order resumes
  suspended_at timestamptz,
  pending_request jsonb,                                  -- an approval waited for: extension / suspension / void
  satisfaction text,
  substantive_dissatisfaction boolean not null default false,  -- the callback found the problem not solved
  return_count int not null default 0,
  rework_count int not null default 0,
  reopen_count int not null default 0,
  escalation_count int not null default 0,
  extension_count int not null default 0,
  merged_into_id bigint references orders (id),
  created_by int references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  version int not null default 1
);
create index orders_created on orders (created_at);
create index orders_state on orders (state);
create index orders_town on orders (town_code, created_at);
create index orders_grid on orders (grid_code);
create index orders_handler on orders (handler_unit_id);
create index orders_dispatcher on orders (dispatch_unit_id);

create table order_reporters (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id),
  source_order_id bigint references orders (id),          -- the merged duplicate it came from
  name text,
  phone text,
  anonymous boolean not null default false,
  satisfaction text,
  created_at timestamptz not null default now()
);
create index order_reporters_order on order_reporters (order_id);
create index order_reporters_phone on order_reporters (phone);

-- Units involved in an order (lead, co-handlers, dispatching centres), for data scope and KPIs.
create table order_units (
  order_id bigint not null references orders (id),
  unit_id int not null references units (id),
  role text not null check (role in ('lead', 'co', 'dispatch')),
  active boolean not null default true,
  assigned_at timestamptz not null default now(),
  primary key (order_id, unit_id, role)
);
create index order_units_unit on order_units (unit_id);

-- Step deadlines (环节时限): one row per step once it starts.
create table order_deadlines (
  order_id bigint not null references orders (id),
  step text not null check (step in ('accept', 'dispatch', 'sign', 'handle', 'check', 'callback')),
  started_at timestamptz not null,
  due_at timestamptz not null,
  limit_value numeric not null,
  limit_unit text not null references time_units (code),
  done_at timestamptz,
  primary key (order_id, step)
);

-- The timeline: every state change and action, written in the same transaction as the change.
create table order_events (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id),
  at timestamptz not null default now(),
  action text not null,
  actor_user_id int references users (id),
  actor_unit_id int references units (id),
  from_state text references order_states (code),
  to_state text references order_states (code),
  note text,
  data jsonb not null default '{}',
  attachment_ids bigint[] not null default '{}'
);
create index order_events_order on order_events (order_id, id);

create table idempotency_keys (
  scope text not null,                                    -- who asked: user or token
  key text not null,
  request_hash text not null,
  order_id bigint not null references orders (id),
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
