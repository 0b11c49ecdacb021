delete from message_templates where code = 'order.verify';
-- Orders that were ever sent to verify keep their timeline; their verify clocks and the state go.
update orders set state = 'pending_accept' where state = 'pending_verify';
update orders set resume_state = 'pending_accept' where resume_state = 'pending_verify';
delete from order_deadlines where step = 'verify';
delete from supervisions where step = 'verify';
delete from supervision_policies where step = 'verify';
alter table orders drop column verification_count;
alter table order_deadlines drop constraint order_deadlines_step_check,
  add constraint order_deadlines_step_check check (step in ('accept', 'dispatch', 'sign', 'handle', 'check', 'callback'));
alter table supervision_policies drop constraint supervision_policies_step_check,
  add constraint supervision_policies_step_check check (step in ('accept', 'dispatch', 'sign', 'handle', 'check', 'callback'));
alter table supervisions drop constraint supervisions_step_check,
  add constraint supervisions_step_check check (step in ('accept', 'dispatch', 'sign', 'handle', 'check', 'callback'));
delete from order_states where code = 'pending_verify';
