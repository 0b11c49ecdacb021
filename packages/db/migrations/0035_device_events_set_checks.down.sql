drop trigger if exists event_folds_guard_events on event_folds;
drop trigger if exists event_types_guard_events on event_types;
drop trigger if exists devices_guard_events on devices;
drop function if exists device_events_guard_parent();
drop trigger if exists device_events_refs_update on device_events;
drop trigger if exists device_events_refs_insert on device_events;
drop function if exists device_events_check_refs();
alter table device_events
  add constraint device_events_device_id_fkey foreign key (device_id) references devices (id),
  add constraint device_events_type_code_fkey foreign key (type_code) references event_types (code),
  add constraint device_events_fold_id_fkey foreign key (fold_id) references event_folds (id);
