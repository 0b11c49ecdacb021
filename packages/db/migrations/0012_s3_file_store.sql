-- Uploaded bytes may also live in an S3-compatible object store (对象存储), named by LIANDONG_FILE_STORE=s3:URL.
alter table files drop constraint files_storage_check;
alter table files add constraint files_storage_check check (storage in ('database', 'folder', 's3'));
