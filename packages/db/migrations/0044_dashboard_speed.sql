-- 统计汇总 by one or two keys (docs/statistics.md, Speed): the same sums as stats_daily/stats_monthly under fewer keys —
-- the area and the responsible unit every reader's scope needs, and one or two more — so the headline, the series and
-- each breakdown read a few hundred or thousand rows a month whatever the number of orders (core statistics/
-- facts.sql.ts CUBES; read-stats.ts reads the smallest that holds every column an answer asks about). The fold, the
-- rebuild and `liandong stats check` keep and check them like the others. Filled here from the fine rollups.

create table stats_unit_daily (
  day date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (day, district, town, unit_id)
);
insert into stats_unit_daily (day, district, town, unit_id, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, unit_id, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, unit_id;
create table stats_unit_monthly (
  month date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (month, district, town, unit_id)
);
insert into stats_unit_monthly (month, district, town, unit_id, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, unit_id, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, unit_id;
create table stats_major_daily (
  day date not null,
  district text not null,
  town text not null,
  unit_id int not null,
  major text not null,
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
  primary key (day, district, town, unit_id, major)
);
insert into stats_major_daily (day, district, town, unit_id, major, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, unit_id, major, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, unit_id, major;
create table stats_major_monthly (
  month date not null,
  district text not null,
  town text not null,
  unit_id int not null,
  major text not null,
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
  primary key (month, district, town, unit_id, major)
);
insert into stats_major_monthly (month, district, town, unit_id, major, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, unit_id, major, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, unit_id, major;
create table stats_category_daily (
  day date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (day, district, town, unit_id, major, category)
);
insert into stats_category_daily (day, district, town, unit_id, major, category, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, unit_id, major, category, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, unit_id, major, category;
create table stats_category_monthly (
  month date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (month, district, town, unit_id, major, category)
);
insert into stats_category_monthly (month, district, town, unit_id, major, category, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, unit_id, major, category, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, unit_id, major, category;
create table stats_channel_daily (
  day date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (day, district, town, unit_id, channel)
);
insert into stats_channel_daily (day, district, town, unit_id, channel, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, unit_id, channel, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, unit_id, channel;
create table stats_channel_monthly (
  month date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (month, district, town, unit_id, channel)
);
insert into stats_channel_monthly (month, district, town, unit_id, channel, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, unit_id, channel, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, unit_id, channel;
create table stats_nature_daily (
  day date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (day, district, town, unit_id, nature)
);
insert into stats_nature_daily (day, district, town, unit_id, nature, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, unit_id, nature, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, unit_id, nature;
create table stats_nature_monthly (
  month date not null,
  district text not null,
  town text not null,
  unit_id int not null,
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
  primary key (month, district, town, unit_id, nature)
);
insert into stats_nature_monthly (month, district, town, unit_id, nature, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, unit_id, nature, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, unit_id, nature;
create table stats_state_daily (
  day date not null,
  district text not null,
  town text not null,
  unit_id int not null,
  state text not null,
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
  primary key (day, district, town, unit_id, state)
);
insert into stats_state_daily (day, district, town, unit_id, state, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, unit_id, state, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, unit_id, state;
create table stats_state_monthly (
  month date not null,
  district text not null,
  town text not null,
  unit_id int not null,
  state text not null,
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
  primary key (month, district, town, unit_id, state)
);
insert into stats_state_monthly (month, district, town, unit_id, state, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, unit_id, state, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, unit_id, state;
create table stats_village_daily (
  day date not null,
  district text not null,
  town text not null,
  village text not null,
  unit_id int not null,
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
  primary key (day, district, town, village, unit_id)
);
insert into stats_village_daily (day, district, town, village, unit_id, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, village, unit_id, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, village, unit_id;
create table stats_village_monthly (
  month date not null,
  district text not null,
  town text not null,
  village text not null,
  unit_id int not null,
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
  primary key (month, district, town, village, unit_id)
);
insert into stats_village_monthly (month, district, town, village, unit_id, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, village, unit_id, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, village, unit_id;
create table stats_grid_daily (
  day date not null,
  district text not null,
  town text not null,
  village text not null,
  grid text not null,
  unit_id int not null,
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
  primary key (day, district, town, village, grid, unit_id)
);
insert into stats_grid_daily (day, district, town, village, grid, unit_id, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select day, district, town, village, grid, unit_id, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_daily group by day, district, town, village, grid, unit_id;
create table stats_grid_monthly (
  month date not null,
  district text not null,
  town text not null,
  village text not null,
  grid text not null,
  unit_id int not null,
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
  primary key (month, district, town, village, grid, unit_id)
);
insert into stats_grid_monthly (month, district, town, village, grid, unit_id, received, needs_answer, done, open, overdue, returned, reworked, direct_closed, closed, closed_on_time, rated, satisfied, solved_grid, solved_village, solved_town, solved_district, solved_enforcement)
  select month, district, town, village, grid, unit_id, sum(received), sum(needs_answer), sum(done), sum(open), sum(overdue), sum(returned), sum(reworked), sum(direct_closed), sum(closed), sum(closed_on_time), sum(rated), sum(satisfied), sum(solved_grid), sum(solved_village), sum(solved_town), sum(solved_district), sum(solved_enforcement) from stats_monthly group by month, district, town, village, grid, unit_id;

-- The orders behind a figure (统计穿透) are paged newest first by the day their measure counts on: by the day and the
-- order, read backwards from the index, a page at a time.
drop index stats_order_facts_created;
drop index stats_order_facts_closed;
create index stats_order_facts_created on stats_order_facts (created_day, order_id);
create index stats_order_facts_closed on stats_order_facts (closed_day, order_id) where closed_day is not null;

-- 大屏的在办负荷: the big screen counts the live orders of its area by grid (core/screen/snapshot.ts) from this index
-- alone — a few thousand entries however long the history.
create index orders_live on orders (district_code, town_code, grid_code) include (state) where state not in ('closed', 'rejected', 'merged', 'voided');
