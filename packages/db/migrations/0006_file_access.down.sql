drop function if exists liandong_attach_files(bigint, int, bigint[]);
drop index if exists files_unattached;
alter table files drop column if exists order_id;
alter table files drop constraint if exists files_public_id_key;
alter table files drop column if exists public_id;
