drop table if exists device_events;
drop table if exists event_folds;
drop table if exists event_types;
drop table if exists devices;
