drop table if exists timers;
