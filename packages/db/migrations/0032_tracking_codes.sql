-- The citizen portal (群众随手拍). An order a citizen follows publicly has a tracking code (查询码): random,
-- never derived from its number or id, given when it is reported through the portal or first shown there.
alter table orders add column tracking_code text;
alter table orders add constraint orders_tracking_code_key unique (tracking_code);

-- A photo uploaded through the portal has no uploader; its random id is the capability to attach it, once,
-- to a public report (orders/attachments.ts checks its age).
alter table files add column public_upload boolean not null default false;

-- Binds the files `ids` to order `order_id` on behalf of `user_id`, or raises SQLSTATE LD422 (no change).
-- Without a user (the portal's anonymous citizen), only unattached public uploads.
create or replace function liandong_attach_files(p_order_id bigint, p_user_id int, p_ids bigint[]) returns int
language plpgsql as $$
declare
  n int;
begin
  if p_ids is null or cardinality(p_ids) = 0 then
    return 0;
  end if;
  update files set order_id = p_order_id
   where id = any(p_ids)
     and (uploaded_by = p_user_id or (p_user_id is null and uploaded_by is null and public_upload))
     and (order_id is null or order_id = p_order_id);
  get diagnostics n = row_count;
  if n <> (select count(distinct x) from unnest(p_ids) x) then
    raise exception 'attachment not available' using errcode = 'LD422';
  end if;
  return n;
end $$;
