-- Files are addressed from outside by an unguessable id, and an uploaded file belongs to at most one
-- order: attaching binds it (attach once), and only its uploader may attach it.
alter table files add column public_id uuid not null default gen_random_uuid();
alter table files add constraint files_public_id_key unique (public_id);
-- Deferred: intake binds files inside the single statement that inserts their order.
alter table files add column order_id bigint references orders (id) deferrable initially deferred;
create index files_unattached on files (created_at) where order_id is null;

-- Files already named by an order's events belong to that order (the first one that named them).
update files f set order_id = x.order_id
  from (select distinct on (a.fid) a.fid, e.order_id
          from order_events e cross join lateral unnest(e.attachment_ids) as a(fid)
         order by a.fid, e.id) x
 where f.id = x.fid;

-- Binds the files `ids` to order `order_id` on behalf of `user_id`, or raises SQLSTATE LD422 (no change).
-- Used by intake (inside its single statement) and by actions, so two orders racing for one file cannot
-- both get it: the row lock of the update decides, and the loser's whole statement fails.
create function liandong_attach_files(p_order_id bigint, p_user_id int, p_ids bigint[]) returns int
language plpgsql as $$
declare
  n int;
begin
  if p_ids is null or cardinality(p_ids) = 0 then
    return 0;
  end if;
  update files set order_id = p_order_id
   where id = any(p_ids) and uploaded_by = p_user_id and (order_id is null or order_id = p_order_id);
  get diagnostics n = row_count;
  if n <> (select count(distinct x) from unnest(p_ids) x) then
    raise exception 'attachment not available' using errcode = 'LD422';
  end if;
  return n;
end $$;
