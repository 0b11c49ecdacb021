delete from files where storage <> 'database';
alter table files drop constraint files_stored;
alter table files drop column storage_key;
alter table files drop column storage;
alter table files alter column data set not null;
