-- Open311 GeoReport v2 (/open311/v2/): service requests posted by international clients arrive on their own
-- channel, taken by the district centre like the web and the app.
insert into channels (code, name_zh, name_en, intake_level, sort) values
  ('open311', 'Open311 接口', 'Open311 GeoReport v2', 'district', 9)
on conflict (code) do nothing;
