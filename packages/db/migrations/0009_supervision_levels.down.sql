delete from supervision_levels where level > 5;
alter table supervision_levels drop column template, drop column notify, drop column has_task, drop column task_hours, drop column produces_report;
alter table supervision_levels drop constraint supervision_levels_level_check;
alter table supervision_levels add constraint supervision_levels_level_check check (level between 1 and 5);
