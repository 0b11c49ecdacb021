-- Field photos (现场照片, issue 10 §3). What a photo's EXIF says, kept for staff beside the original: when it was
-- taken (拍摄时间) and where (拍摄位置, WGS-84 as the file gives it), and its upright size.
alter table files add column taken_at timestamptz;
alter table files add column exif_lng double precision;
alter table files add column exif_lat double precision;
alter table files add column width int;
alter table files add column height int;
alter table files add constraint files_exif_location check ((exif_lng is null) = (exif_lat is null));

-- A photo's derived forms (附件版本): `display` (long side ≤ 1600 px) and `thumb` (≤ 320 px), upright and without
-- any metadata. Stored like the file itself: in the row, or in the folder or object store under storage_key.
create table file_variants (
  file_id bigint not null references files (id) on delete cascade,
  variant text not null check (variant in ('display', 'thumb')),
  content_type text not null,
  size int not null,
  data bytea,
  storage text not null default 'database' check (storage in ('database', 'folder', 's3')),
  storage_key text,
  primary key (file_id, variant),
  constraint file_variants_stored check ((storage = 'database') = (data is not null) and (storage = 'database') = (storage_key is null))
);

-- Resumable uploads (断点续传, the tus protocol at /api/v1/uploads): each owned by the user who created it; the
-- file it became once complete, so a client whose last answer was lost asks again and never makes a second file.
-- The partial bytes live in a folder under the data folder; rows and bytes older than a day are swept.
create table resumable_uploads (
  id text primary key,
  user_id int not null references users (id),
  size bigint not null,
  file_id bigint references files (id) on delete cascade,
  created_at timestamptz not null
);
create index resumable_uploads_created on resumable_uploads (created_at);
