create or replace function liandong_attach_files(p_order_id bigint, p_user_id int, p_ids bigint[]) returns int
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
alter table files drop column public_upload;
alter table orders drop constraint orders_tracking_code_key;
alter table orders drop column tracking_code;
