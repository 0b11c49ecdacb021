delete from message_templates where code = 'citizen.sign_in_code';
drop table if exists citizen_sessions, citizen_sign_in_codes;
drop index if exists order_reporters_mobile;
drop function if exists liandong_mobile(text);
