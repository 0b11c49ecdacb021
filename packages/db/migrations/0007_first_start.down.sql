delete from settings where key = 'deployment.ready';
alter table users drop column if exists must_change_password;
