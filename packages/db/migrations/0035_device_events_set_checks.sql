-- Detections (device_events) check what they name once per statement instead of once per row.
--
-- A row foreign key runs a lookup with a FOR KEY SHARE lock on the parent for every row and every key: three per
-- detection, which cost twice the insert itself (a batch of 20,000: 1.0 s of checks against 0.5 s of insert).
-- The intake writes hundreds of detections of a few devices, types and folds in one statement, so the same
-- guarantee is kept set-wise: after each insert or update a statement trigger locks the distinct parents it names
-- (FOR KEY SHARE, as the row check did, so no concurrent delete slips between) and refuses the statement with
-- SQLSTATE 23503 when one is missing; the parents refuse a delete (or a change of key) while a detection names
-- them. TRUNCATE of a parent no longer cascades here: whoever empties the parents empties device_events too.
alter table device_events
  drop constraint device_events_device_id_fkey,
  drop constraint device_events_type_code_fkey,
  drop constraint device_events_fold_id_fkey;

create function device_events_check_refs() returns trigger language plpgsql as $$
declare
  missing text;
begin
  perform 1 from devices d where d.id in (select distinct n.device_id from new_rows n) for key share of d;
  perform 1 from event_types t where t.code in (select distinct n.type_code from new_rows n) for key share of t;
  perform 1 from event_folds f where f.id in (select distinct n.fold_id from new_rows n where n.fold_id is not null) for key share of f;
  select coalesce(
           (select 'device ' || n.device_id from new_rows n where not exists (select 1 from devices d where d.id = n.device_id) limit 1),
           (select 'event type ' || n.type_code from new_rows n where not exists (select 1 from event_types t where t.code = n.type_code) limit 1),
           (select 'fold ' || n.fold_id from new_rows n where n.fold_id is not null and not exists (select 1 from event_folds f where f.id = n.fold_id) limit 1))
    into missing;
  if missing is not null then
    raise exception 'device_events names % that does not exist', missing using errcode = 'foreign_key_violation', table = 'device_events';
  end if;
  return null;
end $$;

create trigger device_events_refs_insert after insert on device_events
  referencing new table as new_rows for each statement execute function device_events_check_refs();
create trigger device_events_refs_update after update on device_events
  referencing new table as new_rows for each statement execute function device_events_check_refs();

-- A parent named by a detection is not deleted, nor its key changed (as a row foreign key's NO ACTION refused).
create function device_events_guard_parent() returns trigger language plpgsql as $$
declare
  named boolean;
begin
  if tg_table_name = 'devices' then
    named := exists (select 1 from device_events e where e.device_id = old.id);
  elsif tg_table_name = 'event_types' then
    named := exists (select 1 from device_events e where e.type_code = old.code);
  else
    named := exists (select 1 from device_events e where e.fold_id = old.id);
  end if;
  if named then
    raise exception '% is still named by detections (device_events)', tg_table_name using errcode = 'foreign_key_violation', table = tg_table_name;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger devices_guard_events before delete or update of id on devices
  for each row execute function device_events_guard_parent();
create trigger event_types_guard_events before delete or update of code on event_types
  for each row execute function device_events_guard_parent();
create trigger event_folds_guard_events before delete or update of id on event_folds
  for each row execute function device_events_guard_parent();
