-- Verification (核实): the centre sends a new report to its grid's worker, who confirms on site (photo and
-- location) or refutes it before the centre accepts it. A state, a step with its own clock, and a counter.
insert into order_states (code, type, label_zh, label_en, sort) values
  ('pending_verify', 'new', '待核实', 'Awaiting verification', 15);

alter table order_deadlines drop constraint order_deadlines_step_check,
  add constraint order_deadlines_step_check check (step in ('accept', 'verify', 'dispatch', 'sign', 'handle', 'check', 'callback'));
alter table supervision_policies drop constraint supervision_policies_step_check,
  add constraint supervision_policies_step_check check (step in ('accept', 'verify', 'dispatch', 'sign', 'handle', 'check', 'callback'));
alter table supervisions drop constraint supervisions_step_check,
  add constraint supervisions_step_check check (step in ('accept', 'verify', 'dispatch', 'sign', 'handle', 'check', 'callback'));

alter table orders add column verification_count int not null default 0;

insert into message_templates (code, lang, subject, body) values
  ('order.verify', 'zh', '【派核实】工单{{orderCode}}',
   '{{unitName}}：工单{{orderCode}}（{{address}}）请网格员赴现场核实，属实请拍照确认，不属实请说明情况。{{note}}'),
  ('order.verify', 'en', '[Verify] Order {{orderCode}}',
   '{{unitName}}: please send the grid worker to verify order {{orderCode}} ({{address}}) on site: confirm with photos, or say what was found. {{note}}');
