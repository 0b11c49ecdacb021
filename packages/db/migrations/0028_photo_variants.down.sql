drop table if exists resumable_uploads;
drop table if exists file_variants;
alter table files drop constraint if exists files_exif_location;
alter table files drop column if exists height;
alter table files drop column if exists width;
alter table files drop column if exists exif_lat;
alter table files drop column if exists exif_lng;
alter table files drop column if exists taken_at;
