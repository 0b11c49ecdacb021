drop table if exists patrol_points;
drop table if exists patrol_batches;
