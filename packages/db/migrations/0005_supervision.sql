-- The five-level supervision ladder (五级督办) and automatic escalation (上推) as data: each policy says at what
-- share of which step's limit it acts, for which categories and urgencies (and, for escalation, at which level).

create table supervision_levels (
  level smallint primary key check (level between 1 and 5),
  name_zh text not null,
  name_en text not null
);
insert into supervision_levels (level, name_zh, name_en) values
  (1, '电子催办', 'electronic reminder'),
  (2, '人工交办', 'manual assignment'),
  (3, '现场督办', 'on-site supervision'),
  (4, '短信督办', 'SMS supervision'),
  (5, '专报批办', 'special report');

create table supervision_policies (
  id serial primary key,
  name text not null,
  step text not null check (step in ('accept', 'dispatch', 'sign', 'handle', 'check', 'callback')),
  share numeric not null check (share > 0),          -- of the step's limit: 0.8 = at 80%, 1.5 = half the limit past due
  action text not null check (action in ('supervise', 'escalate')),
  level smallint references supervision_levels (level),
  category_prefix text,                               -- null: every category (and unclassified orders)
  urgency text references urgencies (code),          -- null: every urgency
  order_level text check (order_level in ('grid', 'village', 'town', 'district')),  -- null: every level
  task_hours numeric check (task_hours > 0),          -- levels 2–3: the supervision task's own limit, in working hours
  -- whom it notifies: 'unit' (inbox of the supervised unit), 'unit_leader' (SMS to its leader), 'centre' (inbox of the
  -- dispatching centre), 'wecom' / 'dingtalk' (the group robot); null: the level's default
  notify text[] check (notify <@ array['unit', 'unit_leader', 'centre', 'wecom', 'dingtalk']),
  active boolean not null default true,
  check ((action = 'supervise') = (level is not null))
);

insert into supervision_policies (name, step, share, action, level, urgency, order_level, task_hours, notify) values
  ('受理临近超时电子催办', 'accept', 0.8, 'supervise', 1, null, null, null, '{unit}'),
  ('派遣临近超时电子催办', 'dispatch', 0.8, 'supervise', 1, null, null, null, '{unit}'),
  ('签收临近超时电子催办', 'sign', 0.8, 'supervise', 1, null, null, null, '{unit}'),
  ('签收超时人工交办', 'sign', 1.0, 'supervise', 2, null, null, 2, '{unit}'),
  ('签收严重超时现场督办', 'sign', 2.0, 'supervise', 3, null, null, 4, '{unit,centre}'),
  ('办理临近超时电子催办', 'handle', 0.8, 'supervise', 1, null, null, null, '{unit}'),
  ('办理超时人工交办', 'handle', 1.0, 'supervise', 2, null, null, 4, '{unit}'),
  ('办理超时现场督办', 'handle', 1.5, 'supervise', 3, null, null, 8, '{unit,centre}'),
  ('办理超时短信督办单位领导', 'handle', 2.0, 'supervise', 4, null, null, null, '{unit_leader,unit}'),
  ('办理严重超时专报批办', 'handle', 3.0, 'supervise', 5, null, null, null, '{centre,wecom}'),
  ('紧急事项超时专报批办', 'handle', 1.5, 'supervise', 5, 'critical', null, null, '{centre,wecom}'),
  ('核查临近超时电子催办', 'check', 0.8, 'supervise', 1, null, null, null, '{unit}'),
  ('回访超时电子催办', 'callback', 1.0, 'supervise', 1, null, null, null, '{unit}'),
  ('村级办理超时上推镇街', 'handle', 1.0, 'escalate', null, null, 'village', null, null),
  ('镇街分拨超时上推区中心', 'dispatch', 1.0, 'escalate', null, null, 'town', null, null);

create table supervisions (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id),
  level smallint not null references supervision_levels (level),
  step text check (step in ('accept', 'dispatch', 'sign', 'handle', 'check', 'callback')),
  unit_id int references units (id),                  -- the unit supervised
  policy_id int references supervision_policies (id), -- null: raised by hand
  raised_by int references users (id),                -- null: raised by the clock
  raised_at timestamptz not null,
  note text,
  task_due_at timestamptz,                            -- levels 2–3: when the supervised unit must reply
  status text not null default 'open' check (status in ('open', 'replied', 'closed')),
  reply text,
  replied_at timestamptz,
  replied_by int references users (id),
  report_docx_id bigint references files (id),        -- level 5: the special report
  report_html_id bigint references files (id)
);
create index supervisions_order on supervisions (order_id);
create index supervisions_unit on supervisions (unit_id, raised_at);

-- Citizens answer the callback (回访) through a link; only the token's hash is stored.
create table callback_links (
  token_hash text primary key,
  order_id bigint not null references orders (id),
  reporter_id bigint references order_reporters (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index callback_links_order on callback_links (order_id);
