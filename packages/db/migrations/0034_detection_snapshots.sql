-- The console's side of video and IoT events (天网).
--
-- A snapshot (抓拍图) is uploaded by its device, signed like its detections: the file has no uploader, only its
-- device, and is readable through the detections of that device that name it (devices/snapshots.ts).
alter table files add column device_id int references devices (id);

-- Which detections name a snapshot (a file's public id as the device wrote it: any case, maybe urn:uuid:), for
-- the file's reading rule and for keeping named snapshots from the sweep of unattached files.
create index device_events_snapshot on device_events (lower(snapshot)) where snapshot is not null;

-- A fold's detections newest first, one page at a time (an order's 关联事件 may hold thousands): the index on the
-- fold is replaced by one in that order, so the intake still maintains one index for it.
drop index device_events_fold;
create index device_events_fold on device_events (fold_id, detected_at desc, id desc) where fold_id is not null;

-- A device's last detection (设备管理's list), one probe per device.
create index device_events_latest on device_events (device_id, detected_at desc);
