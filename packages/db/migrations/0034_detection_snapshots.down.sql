drop index if exists device_events_latest;
drop index if exists device_events_fold;
create index device_events_fold on device_events (fold_id) where fold_id is not null;
drop index if exists device_events_snapshot;
alter table files drop column if exists device_id;
