-- The urgency the caller or the operator stated at intake (紧急程度); the order's urgency is the higher of it and
-- its condition's, however often the order is classified again.
alter table orders add column reported_urgency text references urgencies (code);
