-- The intake of detections takes its fold locks and reads what they guard in one call instead of two statements.
--
-- A group of detections locks the cells around its points (advisory locks), locks its devices and event types
-- against deletion, then reads the detections received before (replays) and the open folds near its points. The
-- reads must come after the locks: a statement's snapshot is taken when it starts, so they were a second
-- statement — a second round trip, which on a busy server waited for its turn at both ends (bench:events). A
-- VOLATILE function takes a fresh snapshot for each query it runs, so here the reads follow the locks inside one
-- call and see every fold committed before the locks were granted.
--
-- Rows: one 'lock' row (the event types found, locked), a 'device' row per device found (the row as JSON,
-- locked), a 'seen' row per detection received before (its fold and order), a 'fold' row per candidate fold.
create function event_fold_reads(lock_keys int8[], device_ids int[], type_codes text[], seen_devices int[], seen_events text[], boxes jsonb)
returns table (kind text, device_id int, event_id text, id bigint, type_code text, lng float8, lat float8, first_at timestamptz,
               last_at timestamptz, status text, order_id bigint, device jsonb, types text[])
language plpgsql volatile as $$
#variable_conflict use_column
begin
  -- In the order given (sorted by the caller: every group takes them in one order, so none deadlocks).
  perform pg_advisory_xact_lock(k) from unnest(lock_keys) as u (k);
  return query
    select 'lock', null::int, null::text, null::bigint, null::text, null::float8, null::float8, null::timestamptz, null::timestamptz, null::text, null::bigint, null::jsonb,
           coalesce((select array_agg(t.code) from (select et.code from event_types et where et.code = any(type_codes) for key share) t), '{}');
  return query
    select 'device', d.id, null::text, null::bigint, null::text, null::float8, null::float8, null::timestamptz, null::timestamptz, null::text, null::bigint, to_jsonb(d), null::text[]
      from (select * from devices dv where dv.id = any(device_ids) for key share) d;
  return query
    select 'seen', e.device_id, e.event_id, e.fold_id, null::text, null::float8, null::float8, null::timestamptz, null::timestamptz, null::text, f.order_id, null::jsonb, null::text[]
      from unnest(seen_devices, seen_events) as u (device_id, event_id)
      join device_events e on e.device_id = u.device_id and e.event_id = u.event_id
      left join event_folds f on f.id = e.fold_id;
  return query
    select distinct on (f.id) 'fold', null::int, null::text, f.id, f.type_code, f.lng, f.lat, f.first_at, f.last_at, f.status, f.order_id, null::jsonb, null::text[]
      from jsonb_to_recordset(boxes) as b (type text, "from" timestamptz, "to" timestamptz, west float8, east float8, south float8, north float8)
      join event_folds f on f.type_code = b.type and f.last_at >= b."from" and f.first_at <= b."to"
       and f.lng between b.west and b.east and f.lat between b.south and b.north
      left join orders o on o.id = f.order_id
      left join order_states s on s.code = o.state
     where f.order_id is null or (s.type not in ('closed', 'voided') and o.merged_into_id is null);
end $$;
