-- First start: a marker that the deployment's initial data (the demo district, or the first
-- administrator) is complete, written in the same transaction as that data; and administrators
-- created with a one-time password must choose their own at first sign-in.
alter table users add column must_change_password boolean not null default false;

-- Deployments set up before this migration: complete if the demo district finished loading
-- (its account list was written last).
insert into settings (key, value)
select 'deployment.ready', jsonb_build_object('kind', 'demo', 'at', now())
 where exists (select 1 from settings where key = 'demo.accounts')
on conflict (key) do nothing;
