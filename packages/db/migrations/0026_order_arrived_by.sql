-- How an order came to where it is (the action of its last change of state, or of an escalation, which may keep
-- the state: orders/lifecycle.rules.ts arrivalBy): a pending dispatch that a handling
-- unit returned (退单待裁决) or a lower level escalated (上报待派遣) is a queue of its own. Orders still open take
-- it from their timeline; closed ones keep none.
alter table orders add column arrived_by text;
update orders o set arrived_by = e.action
  from (select distinct on (ev.order_id) ev.order_id, ev.action
          from order_events ev
         where ev.from_state is not null and (ev.to_state is distinct from ev.from_state or ev.action = 'escalate')
           and ev.order_id = any(array(select x.id from orders x join order_states st on st.code = x.state where st.type not in ('closed', 'voided')))
         order by ev.order_id, ev.id desc) e
 where o.id = e.order_id;
