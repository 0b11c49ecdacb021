create trigger device_events_refs_insert after insert on device_events
  referencing new table as new_rows for each statement execute function device_events_check_refs();
