-- 预警 (early warning): rules as data, warnings as rows. A background job (core/warnings/, a durable timer of kind
-- 'warnings.sweep', one per 15-minute slot, so it runs once however many processes sweep) reads each enabled rule,
-- and writes a warning per condition found, unless the same condition (its dedupe key) already has an open one or
-- one resolved within the rule's cooldown. Each warning keeps the numbers that explain it and its text in zh/en.
create table warning_rules (
  code text primary key,                                   -- e.g. 'spike'; names the rule in the API
  kind text not null check (kind in ('spike', 'repeat_caller', 'repeat_place', 'at_risk', 'backlog')),
  enabled boolean not null default true,
  params jsonb not null,                                   -- thresholds, checked by core/warnings/rule-params.rules.ts
  name_zh text not null,
  name_en text not null,
  updated_at timestamptz not null default now(),
  updated_by int references users (id)
);

create table warnings (
  id bigint generated always as identity primary key,
  kind text not null,
  rule_code text not null references warning_rules (code),
  dedupe_key text not null,                                -- one open warning per condition
  state text not null default 'new' check (state in ('new', 'acknowledged', 'resolved')),
  -- The subject: an area (division) and category, a caller, a place, an order's step, or a unit.
  area_level text check (area_level in ('district', 'town', 'village')),
  district_code text references divisions (code),
  town_code text references divisions (code),
  village_code text references divisions (code),
  category_code text references categories (code),
  phone text,                                              -- repeat_caller: the caller's 11 digits (shown masked)
  lng double precision,                                    -- repeat_place: the place
  lat double precision,
  order_id bigint references orders (id),                  -- at_risk
  step text,
  unit_id int references units (id),                       -- at_risk, backlog: the unit that answers for it
  -- The numbers that explain it.
  observed numeric not null,
  expected numeric,
  threshold numeric not null,
  p_value double precision,
  window_from timestamptz not null,
  window_to timestamptz not null,
  details jsonb not null default '{}',
  title_zh text not null,
  title_en text not null,
  explanation_zh text not null,
  explanation_en text not null,
  order_ids bigint[] not null default '{}',                -- the orders behind it
  raised_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by int references users (id),
  resolved_at timestamptz,
  resolved_by int references users (id),
  resolution_note text,
  check (state <> 'new' or (acknowledged_at is null and resolved_at is null)),
  check ((state = 'resolved') = (resolved_at is not null))
);
create unique index warnings_open_key on warnings (dedupe_key) where state <> 'resolved';
create index warnings_key_resolved on warnings (dedupe_key, resolved_at) where state = 'resolved';
create index warnings_raised on warnings (raised_at desc, id desc);
create index warnings_open on warnings (kind) where state <> 'resolved';
create index warnings_unit on warnings (unit_id, raised_at) where unit_id is not null;
create index warnings_town on warnings (town_code, raised_at) where town_code is not null;

-- The rules' defaults (docs/early-warning.md explains each).
insert into warning_rules (code, kind, params, name_zh, name_en) values
  ('spike', 'spike', '{"windowHours": 24, "baselineDays": 28, "alpha": 0.001, "minCount": 5, "levels": ["village", "town"], "cooldownHours": 24}',
   '类别激增', 'Spike of one category in one area'),
  ('repeat_caller', 'repeat_caller', '{"days": 7, "minCalls": 5, "cooldownHours": 72}',
   '同一来电人重复来电', 'Repeated calls by one caller'),
  ('repeat_place', 'repeat_place', '{"days": 7, "radiusMetres": 50, "minOrders": 3, "sameCategory": true, "cooldownHours": 72}',
   '同一地点重复投诉', 'Repeated reports about one place'),
  ('at_risk', 'at_risk', '{"remainingShare": 0.2, "steps": ["sign", "handle"]}',
   '临期工单', 'Orders at risk of breaching their deadline'),
  ('backlog', 'backlog', '{"compareDays": 7, "minOpen": 10, "growthRatio": 1.5, "minGrowth": 10, "cooldownHours": 24}',
   '单位积压增长', 'A unit''s backlog grows');

insert into message_templates (code, lang, subject, body) values
  ('warning.raised', 'zh', '【预警】{{title}}', '{{explanation}}'),
  ('warning.raised', 'en', '[Warning] {{title}}', '{{explanation}}');

-- Repeated calls are counted by the moment of the call (a caller added to an older order counts when he called).
create index order_reporters_created on order_reporters (created_at);
