delete from message_templates where code = 'supervision.instruction';
alter table supervisions drop column reviewed_at, drop column reviewed_by, drop column review_note,
  drop column instruction, drop column instructed_at, drop column instructed_by;
