-- Reference rows every deployment starts with. Labels are data: an administrator may rename them.
insert into order_states (code, type, label_zh, label_en, sort) values
  ('pending_accept',   'new',       '待受理', 'Awaiting acceptance', 10),
  ('pending_dispatch', 'open',      '待派遣', 'Awaiting dispatch',   20),
  ('pending_sign',     'open',      '待签收', 'Awaiting signature',  30),
  ('handling',         'handling',  '处置中', 'Being handled',       40),
  ('pending_check',    'handling',  '待核查', 'Awaiting check',      50),
  ('pending_callback', 'handling',  '待回访', 'Awaiting callback',   60),
  ('pending_close',    'handling',  '待结案', 'Awaiting closure',    70),
  ('suspended',        'suspended', '挂账中', 'Suspended',           80),
  ('closed',           'closed',    '已结案', 'Closed',              90),
  ('rejected',         'closed',    '不予受理', 'Not accepted',      91),
  ('merged',           'closed',    '已并单', 'Merged',              92),
  ('voided',           'voided',    '已作废', 'Voided',              99);

insert into roles (code, name_zh, name_en) values
  ('citizen',     '群众',       'Citizen'),
  ('operator',    '话务员',     'Hotline operator'),
  ('dispatcher',  '分拨员',     'Dispatcher'),
  ('shift_lead',  '值班长',     'Shift lead'),
  ('handler',     '承办人员',   'Department handler'),
  ('grid_worker', '网格员',     'Grid worker'),
  ('grid_leader', '网格长',     'Grid leader'),
  ('supervisor',  '督办员',     'Supervisor'),
  ('leader',      '领导',       'Leader'),
  ('admin',       '管理员',     'Administrator'),
  ('integration', '系统对接',   'Integration');

insert into time_units (code, name_zh, name_en) values
  ('urgent_hours',  '紧急小时', 'urgent hours'),
  ('working_hours', '工作时',   'working hours'),
  ('working_days',  '工作日',   'working days'),
  ('natural_days',  '自然日',   'natural days');

insert into urgencies (code, name_zh, name_en, sort) values
  ('normal',   '一般', 'normal',   1),
  ('urgent',   '紧急', 'urgent',   2),
  ('critical', '特急', 'critical', 3);

insert into natures (code, name_zh, name_en, sort) values
  ('consultation', '咨询', 'consultation', 1),
  ('help',         '求助', 'request for help', 2),
  ('complaint',    '投诉', 'complaint', 3),
  ('report',       '举报', 'report', 4),
  ('suggestion',   '建议', 'suggestion', 5),
  ('praise',       '表扬', 'praise', 6);

-- intake_level: which centre first owns a new order from this channel.
insert into channels (code, name_zh, name_en, intake_level, sort) values
  ('hotline',     '12345热线',     '12345 hotline',           'district', 1),
  ('web',         '网站',          'web portal',               'district', 2),
  ('app',         '手机APP',       'mobile app',               'district', 3),
  ('wechat',      '微信',          'WeChat',                   'district', 4),
  ('grid_patrol', '网格巡查',      'grid patrol',              'town',     5),
  ('video',       '视频/物联感知', 'video / IoT',              'town',     6),
  ('leader',      '领导交办',      'leader assignment',        'district', 7),
  ('transfer',    '其他热线转办',  'transfer from other hotline', 'district', 8);
