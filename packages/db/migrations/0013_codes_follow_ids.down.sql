create sequence order_code_seq;
select setval('order_code_seq', coalesce((select max(id) from orders), 0) + 1, false);
