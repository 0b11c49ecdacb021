-- The citizen portal's sign-in by SMS code (短信验证码登录): a citizen proves he holds a mobile number and then
-- sees every report made with it (我的上报). No account: the number is the identity.

-- A mainland mobile number as its 11 digits, or null: separators dropped, a leading 86 / 0086 / +86 removed.
-- The one home of "the same phone" in SQL (a hotline operator may have typed 139-1234-5678 or +8613912345678).
create function liandong_mobile(p text) returns text
language sql immutable parallel safe as $$
  select case when d ~ '^(0086|86)?1[3-9][0-9]{9}$' then right(d, 11) end
    from (select regexp_replace(coalesce(p, ''), '[^0-9]', '', 'g') as d) x
$$;
create index order_reporters_mobile on order_reporters (liandong_mobile(phone)) where liandong_mobile(phone) is not null;

-- One row per code sent: only its salted hash is kept. The rows of the last day are the phone's count of codes
-- (one a minute, a few an hour and a day); a wrong try is counted on the row, and the fifth voids it.
create table citizen_sign_in_codes (
  id bigint generated always as identity primary key,
  phone text not null,                                   -- 11 digits
  salt text not null,
  code_hash text not null,                               -- sha-256 of salt, phone and code
  created_at timestamptz not null,
  expires_at timestamptz not null,
  tries int not null default 0,
  ended_at timestamptz,                                  -- used, voided by too many tries, or replaced by a newer code
  ip text
);
create index citizen_sign_in_codes_phone on citizen_sign_in_codes (phone, created_at desc);

-- A citizen's session: the token is a cookie of the portal's API; only its sha-256 is kept. Signing out deletes it.
create table citizen_sessions (
  id text primary key,                                   -- sha-256 of the token
  phone text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index citizen_sessions_phone on citizen_sessions (phone);
create index citizen_sessions_expires on citizen_sessions (expires_at);

insert into message_templates (code, lang, subject, body) values
  ('citizen.sign_in_code', 'zh', '随手拍登录验证码',
   '验证码{{code}}，用于登录随手拍查看本人反映的问题，{{minutes}}分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。'),
  ('citizen.sign_in_code', 'en', 'Your sign-in code',
   'Your code is {{code}}. It signs you in to Snap & Report to see your reports and is valid for {{minutes}} minutes. Never share it; if you did not ask for it, ignore this message.');
