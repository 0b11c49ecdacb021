-- Text search (q: the description, address or order number contains the text) looks up the text's bigrams,
-- every two adjacent characters, in a GIN index over the three columns as one text, then confirms each candidate
-- with `like`. Bigrams, not pg_trgm's trigrams: a Chinese word is often two characters (井盖, 噪音, 停车), which
-- has no trigram to look up; and no extension is needed on either engine (PGlite, a server).
-- The expression must stay word for word the one orders/order-filters.ts asks with (ORDER_TEXT).
create function liandong_bigrams(t text) returns text[] language sql immutable strict parallel safe
  as $$ select array(select substr(t, i, 2) from generate_series(1, length(t) - 1) as i) $$;
create index orders_text on orders using gin (liandong_bigrams(description || ' ' || coalesce(address, '') || ' ' || code));
