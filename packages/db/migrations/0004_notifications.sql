-- Notifications (通知) through a transactional outbox: a message row is written in the same transaction as the
-- order change that causes it, so it exists exactly when that change committed. A delivery worker sends the
-- pending rows afterwards through the channel adapters; a failing channel only delays its own messages.
-- On a fresh install only the inbox (站内信) is enabled: other channels' messages are stored and readable, not sent.

-- Editable texts with {{placeholders}}, one per code and language (zh default, en).
create table message_templates (
  code text not null,
  lang text not null check (lang in ('zh', 'en')),
  subject text not null,
  body text not null,
  updated_at timestamptz not null default now(),
  updated_by int references users (id),
  primary key (code, lang)
);

-- Channels and their settings. config by channel: sms {url, headers?, sign?}; wecom/dingtalk {webhookUrl, secret?};
-- email {host, port, secure, user?, pass?, from}. The inbox needs none.
create table notification_channels (
  code text primary key check (code in ('inbox', 'sms', 'wecom', 'dingtalk', 'email')),
  enabled boolean not null default false,
  config jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by int references users (id)
);

create table outbox (
  id bigint generated always as identity primary key,
  channel text not null references notification_channels (code),
  -- {kind:'unit', unitId} | {kind:'user', userId} | {kind:'phone', phone} | {kind:'email', address} | {kind:'webhook'}
  recipient jsonb not null,
  template text not null,
  lang text not null check (lang in ('zh', 'en')),
  subject text not null,                                 -- rendered at enqueue: later template edits do not change it
  body text not null,
  order_id bigint references orders (id),
  status text not null check (status in ('pending', 'sent', 'stored', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz,                           -- pending only: due time, or the lease of the worker sending it
  last_error text,
  address text,                                          -- the phone or e-mail address it was sent to
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  read_at timestamptz,                                   -- inbox: when someone of the recipient unit opened it
  check ((status = 'pending') = (next_attempt_at is not null))
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';
create index outbox_order on outbox (order_id) where order_id is not null;
create index outbox_created on outbox (created_at);
create index outbox_inbox_unit on outbox (((recipient ->> 'unitId')::int), id) where channel = 'inbox';
create index outbox_inbox_user on outbox (((recipient ->> 'userId')::int), id) where channel = 'inbox';

insert into notification_channels (code, enabled, config) values
  ('inbox',    true,  '{}'),
  ('sms',      false, '{}'),
  ('wecom',    false, '{}'),
  ('dingtalk', false, '{}'),
  ('email',    false, '{}');

insert into message_templates (code, lang, subject, body) values
  ('supervision.reminder', 'zh', '【电子催办】工单{{orderCode}}即将到期',
   '{{unitName}}：工单{{orderCode}}的{{step}}环节将于{{dueAt}}到期，请及时办理。'),
  ('supervision.reminder', 'en', '[Reminder] Order {{orderCode}} is due soon',
   '{{unitName}}: the {{step}} step of order {{orderCode}} is due at {{dueAt}}. Please act on it in time.'),
  ('supervision.assigned', 'zh', '【人工交办】工单{{orderCode}}',
   '{{unitName}}：督办员{{supervisorName}}交办工单{{orderCode}}，请于{{dueAt}}前办结并反馈。督办意见：{{note}}'),
  ('supervision.assigned', 'en', '[Assigned] Order {{orderCode}}',
   '{{unitName}}: supervisor {{supervisorName}} assigns order {{orderCode}} to you; please complete it and report back by {{dueAt}}. Note: {{note}}'),
  ('supervision.onsite', 'zh', '【现场督办】工单{{orderCode}}',
   '{{unitName}}：工单{{orderCode}}已升级为现场督办，督办员{{supervisorName}}将赴现场（{{address}}）督促办理。{{note}}'),
  ('supervision.onsite', 'en', '[On-site supervision] Order {{orderCode}}',
   '{{unitName}}: order {{orderCode}} is now under on-site supervision; supervisor {{supervisorName}} will visit the site ({{address}}). {{note}}'),
  ('supervision.sms', 'zh', '【短信督办】工单{{orderCode}}',
   '{{leaderName}}同志：贵单位（{{unitName}}）承办的工单{{orderCode}}{{step}}环节已超过时限（{{dueAt}}到期），请督促尽快办理。'),
  ('supervision.sms', 'en', '[SMS supervision] Order {{orderCode}}',
   'Dear {{leaderName}}, order {{orderCode}} handled by {{unitName}} is past its {{step}} deadline ({{dueAt}}). Please see that it is handled promptly.'),
  ('supervision.special_report', 'zh', '【专报批办】工单{{orderCode}}督办专报',
   '工单{{orderCode}}（承办单位：{{unitName}}）经多级督办仍未办结，原定{{dueAt}}到期。情况摘要：{{summary}}。请领导批示。'),
  ('supervision.special_report', 'en', '[Special report] Order {{orderCode}}',
   'Order {{orderCode}} (handled by {{unitName}}) is still open after every level of supervision; it was due at {{dueAt}}. Summary: {{summary}}. Your instructions are requested.'),
  ('order.escalated', 'zh', '【工单上推】工单{{orderCode}}',
   '{{fromUnit}}已将工单{{orderCode}}上推至{{toUnit}}，原因：{{reason}}。请及时受理分拨。'),
  ('order.escalated', 'en', '[Escalated] Order {{orderCode}}',
   '{{fromUnit}} escalated order {{orderCode}} to {{toUnit}}. Reason: {{reason}}. Please take it up.'),
  ('callback.request', 'zh', '诉求办理回访',
   '您反映的问题（工单号{{orderCode}}）已办理完毕，请点击 {{link}} 对办理结果进行评价。感谢您的支持！'),
  ('callback.request', 'en', 'How did we do?',
   'The matter you reported (order {{orderCode}}) has been handled. Please rate the result at {{link}}. Thank you!'),
  ('order.reopened', 'zh', '【工单重办】工单{{orderCode}}',
   '{{unitName}}：工单{{orderCode}}经回访群众不满意，已重新交办，原因：{{reason}}。请重新处置。'),
  ('order.reopened', 'en', '[Reopened] Order {{orderCode}}',
   '{{unitName}}: order {{orderCode}} was reopened after an unsatisfied callback. Reason: {{reason}}. Please handle it again.');
