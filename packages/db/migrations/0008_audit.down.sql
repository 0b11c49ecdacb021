drop table if exists audit_log;
