drop function liandong_order_code(timestamptz, bigint);
