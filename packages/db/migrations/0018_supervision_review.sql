-- A supervision task ends when the supervisor accepts the unit's reply (验收), or goes back to the unit; the
-- leadership's instruction (领导批示) on a special report is recorded and sent down.
alter table supervisions
  add column reviewed_at timestamptz, add column reviewed_by int references users (id), add column review_note text,
  add column instruction text, add column instructed_at timestamptz, add column instructed_by int references users (id);

insert into message_templates (code, lang, subject, body) values
  ('supervision.instruction', 'zh', '【领导批示】工单{{orderCode}}',
   '{{unitName}}：关于工单{{orderCode}}的督办专报，{{leaderName}}批示：{{instruction}}。请抓紧落实并及时反馈。'),
  ('supervision.instruction', 'en', '[Instruction] Order {{orderCode}}',
   '{{unitName}}: on the special report about order {{orderCode}}, {{leaderName}} instructs: {{instruction}}. Please act on it and report back.');
