-- Live updates (SSE): every statement that writes timeline events tells every listening process which orders
-- changed, once its transaction commits (NOTIFY is transactional). One notification per statement, with the
-- order ids; a batch too large for a payload says '*' (everything may have changed).
create function liandong_notify_order_events() returns trigger language plpgsql as $$
declare
  ids text;
begin
  select string_agg(distinct order_id::text, ',') into ids from new_events;
  if ids is null then
    return null;
  end if;
  if length(ids) > 7000 then
    ids := '*';
  end if;
  perform pg_notify('liandong_orders', ids);
  return null;
end
$$;

create trigger order_events_notify after insert on order_events
  referencing new table as new_events for each statement execute function liandong_notify_order_events();
