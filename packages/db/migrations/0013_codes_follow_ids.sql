-- Order numbers follow the ids one to one ('LD' + date in China + id): a retried create consumed an id but not a
-- number, so ids and numbers drifted apart (id 23744 carried …023743). The separate number sequence goes.
drop sequence order_code_seq;
