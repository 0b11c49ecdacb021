-- The order number (工单编号) has one home: 'LD' + the date in China + the sequence number, at least 6 digits.
-- Intake and the demo history both name their orders with it.
create function liandong_order_code(p_at timestamptz, p_n bigint) returns text language sql immutable as $$
  select 'LD' || to_char(p_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(p_n::text, greatest(6, length(p_n::text)), '0')
$$;
