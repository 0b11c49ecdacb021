-- The audit trail (审计日志) of access to personal data: every search by phone number and every view of a
-- reporter's full name or number (SPEC §9: every unmasking is logged). Written beside the read it records;
-- read by administrators only.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id int references users (id),
  username text,
  action text not null,
  order_id bigint,
  details jsonb not null default '{}',
  ip text
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_user on audit_log (user_id, at desc);
create index audit_log_order on audit_log (order_id) where order_id is not null;
