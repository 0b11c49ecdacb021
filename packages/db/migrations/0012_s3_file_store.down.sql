delete from files where storage = 's3';
alter table files drop constraint files_storage_check;
alter table files add constraint files_storage_check check (storage in ('database', 'folder'));
