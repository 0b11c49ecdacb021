delete from timers where kind = 'warnings.sweep';
drop index if exists order_reporters_created;
delete from outbox where template = 'warning.raised';
delete from message_templates where code = 'warning.raised';
drop table warnings;
drop table warning_rules;
