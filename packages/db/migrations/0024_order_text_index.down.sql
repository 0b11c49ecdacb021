drop index if exists orders_text;
drop function if exists liandong_bigrams(text);
