-- 统计汇总 without the responsible unit (docs/statistics.md, Speed; docs/big-screen.md, Cheap to serve). For
-- readers whose scope is areas: a leader's answer is the rows in his areas, read from these (a few rows a day per
-- town, class, grid, channel or nature, whatever the number of orders), plus the rows of his units outside his
-- areas, read from the rollups with the unit by the new (unit_id, day|month) indexes (core statistics/stats-scope.ts
-- scopeParts). The big screen reads its day's figures, its channel and nature mix and its live load by grid from
-- them too (core screen/snapshot.ts). The same sums as stats_daily/stats_monthly under fewer keys; the fold, the
-- rebuild and `liandong stats check` keep and check them like the others (facts.sql.ts CUBES). Filled here from
-- the fine rollups.

create table stats_area_daily (
  day date not null,
  district text not null,
  town text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, town)
);
insert into stats_area_daily (day, district, town, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town;
create table stats_area_monthly (
  month date not null,
  district text not null,
  town text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, town)
);
insert into stats_area_monthly (month, district, town, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town;
create table stats_area_category_daily (
  day date not null,
  district text not null,
  town text not null,
  major text not null,
  category text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, town, major, category)
);
insert into stats_area_category_daily (day, district, town, major, category, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, major, category, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, major, category;
create table stats_area_category_monthly (
  month date not null,
  district text not null,
  town text not null,
  major text not null,
  category text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, town, major, category)
);
insert into stats_area_category_monthly (month, district, town, major, category, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, major, category, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, major, category;
create table stats_area_village_daily (
  day date not null,
  district text not null,
  town text not null,
  village text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, town, village)
);
insert into stats_area_village_daily (day, district, town, village, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, village, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, village;
create table stats_area_village_monthly (
  month date not null,
  district text not null,
  town text not null,
  village text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, town, village)
);
insert into stats_area_village_monthly (month, district, town, village, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, village, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, village;
create table stats_area_grid_daily (
  day date not null,
  district text not null,
  town text not null,
  village text not null,
  grid text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, town, village, grid)
);
insert into stats_area_grid_daily (day, district, town, village, grid, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, village, grid, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, village, grid;
create table stats_area_grid_monthly (
  month date not null,
  district text not null,
  town text not null,
  village text not null,
  grid text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, town, village, grid)
);
insert into stats_area_grid_monthly (month, district, town, village, grid, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, village, grid, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, village, grid;
create table stats_area_channel_daily (
  day date not null,
  district text not null,
  town text not null,
  channel text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, town, channel)
);
insert into stats_area_channel_daily (day, district, town, channel, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, channel, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, channel;
create table stats_area_channel_monthly (
  month date not null,
  district text not null,
  town text not null,
  channel text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, town, channel)
);
insert into stats_area_channel_monthly (month, district, town, channel, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, channel, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, channel;
create table stats_area_nature_daily (
  day date not null,
  district text not null,
  town text not null,
  nature text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, town, nature)
);
insert into stats_area_nature_daily (day, district, town, nature, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, nature, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, nature;
create table stats_area_nature_monthly (
  month date not null,
  district text not null,
  town text not null,
  nature text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, town, nature)
);
insert into stats_area_nature_monthly (month, district, town, nature, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, nature, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, nature;

-- A district's reader's hot problems: the classes of the district, without its towns.
create table stats_district_category_daily (
  day date not null,
  district text not null,
  major text not null,
  category text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (day, district, major, category)
);
insert into stats_district_category_daily (day, district, major, category, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, major, category, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, major, category;
create table stats_district_category_monthly (
  month date not null,
  district text not null,
  major text not null,
  category text not null,
  received int not null default 0,
  needs_answer int not null default 0,
  done int not null default 0,
  open int not null default 0,
  overdue int not null default 0,
  returned int not null default 0,
  reworked int not null default 0,
  direct_closed int not null default 0,
  closed int not null default 0,
  closed_on_time int not null default 0,
  rated int not null default 0,
  satisfied int not null default 0,
  solved_grid int not null default 0,
  solved_village int not null default 0,
  solved_town int not null default 0,
  solved_district int not null default 0,
  solved_enforcement int not null default 0,
  primary key (month, district, major, category)
);
insert into stats_district_category_monthly (month, district, major, category, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, major, category, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, major, category;

-- The screen's live load by grid: the months that still hold open orders (the recent ones), by area.
create index stats_area_grid_monthly_open_district on stats_area_grid_monthly (district) where open <> 0;
create index stats_area_grid_monthly_open_town on stats_area_grid_monthly (town) where open <> 0;
-- The screen's overdue count: the running clocks already due, not every running one.
create index order_deadlines_due on order_deadlines (due_at) include (order_id) where done_at is null;

-- The rows of a reader's units (outside his areas), read by unit and bucket.
create index stats_unit_daily_unit on stats_unit_daily (unit_id, day);
create index stats_unit_monthly_unit on stats_unit_monthly (unit_id, month);
create index stats_major_daily_unit on stats_major_daily (unit_id, day);
create index stats_major_monthly_unit on stats_major_monthly (unit_id, month);
create index stats_category_daily_unit on stats_category_daily (unit_id, day);
create index stats_category_monthly_unit on stats_category_monthly (unit_id, month);
create index stats_channel_daily_unit on stats_channel_daily (unit_id, day);
create index stats_channel_monthly_unit on stats_channel_monthly (unit_id, month);
create index stats_nature_daily_unit on stats_nature_daily (unit_id, day);
create index stats_nature_monthly_unit on stats_nature_monthly (unit_id, month);
create index stats_state_daily_unit on stats_state_daily (unit_id, day);
create index stats_state_monthly_unit on stats_state_monthly (unit_id, month);
create index stats_village_daily_unit on stats_village_daily (unit_id, day);
create index stats_village_monthly_unit on stats_village_monthly (unit_id, month);
create index stats_grid_daily_unit on stats_grid_daily (unit_id, day);
create index stats_grid_monthly_unit on stats_grid_monthly (unit_id, month);
create index stats_coarse_daily_unit on stats_coarse_daily (unit_id, day);
create index stats_coarse_monthly_unit on stats_coarse_monthly (unit_id, month);
