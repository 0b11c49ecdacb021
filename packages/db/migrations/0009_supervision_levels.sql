-- Supervision levels as data (督办级别): besides its names, each level says which message template it sends,
-- whom it notifies by default, whether it gives the supervised unit a task with its own limit, and whether it
-- produces the special report (专报). A deployment adds a level (e.g. 约谈 interview) with a row here and its
-- templates in message_templates (code 'supervision.<name>', the supervision placeholders), no code.
alter table supervision_levels drop constraint supervision_levels_level_check;
alter table supervision_levels add constraint supervision_levels_level_check check (level between 1 and 20);
alter table supervision_levels
  add column template text,
  add column notify text[] not null default array['unit'] check (notify <@ array['unit', 'unit_leader', 'centre', 'wecom', 'dingtalk']),
  add column has_task boolean not null default false,
  add column task_hours numeric check (task_hours > 0),
  add column produces_report boolean not null default false;

update supervision_levels set template = 'supervision.reminder', notify = array['unit'] where level = 1;
update supervision_levels set template = 'supervision.assigned', notify = array['unit'], has_task = true, task_hours = 4 where level = 2;
update supervision_levels set template = 'supervision.onsite', notify = array['unit', 'centre'], has_task = true, task_hours = 4 where level = 3;
update supervision_levels set template = 'supervision.sms', notify = array['unit_leader', 'unit'] where level = 4;
update supervision_levels set template = 'supervision.special_report', notify = array['centre', 'wecom'], produces_report = true where level = 5;
alter table supervision_levels alter column template set not null;
alter table supervision_levels add check ((task_hours is not null) = has_task);
