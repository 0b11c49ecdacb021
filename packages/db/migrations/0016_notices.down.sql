delete from message_templates where code in ('order.dispatched', 'order.request', 'citizen.accepted', 'citizen.rejected', 'citizen.answered', 'citizen.closed', 'citizen.merged');
