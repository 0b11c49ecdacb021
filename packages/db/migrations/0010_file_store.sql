-- Where a file's bytes are (附件存储): in this table (the default), or in a folder named by LIANDONG_FILE_STORE.
-- A row stored elsewhere has no data here; its bytes are found by `storage_key` in its store.
alter table files alter column data drop not null;
alter table files add column storage text not null default 'database' check (storage in ('database', 'folder'));
alter table files add column storage_key text;
alter table files add constraint files_stored check ((storage = 'database') = (data is not null) and (storage = 'database') = (storage_key is null));
