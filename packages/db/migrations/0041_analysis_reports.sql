-- 研判报告 (analysis reports): a period's figures for a district or a town, generated on demand by a leader or on the
-- 1st of each month for the district (a durable timer of kind 'analysis_reports.monthly'), kept as a .docx and an
-- HTML page (rows of files) and listed with who, when, scope and period. Who may open one is decided by its scope:
-- a reader whose areas hold the scope (or its district) — core/analysis-reports/report-scope.ts.
create table analysis_reports (
  id bigint generated always as identity primary key,
  scope_code text not null references divisions (code),
  scope_level text not null check (scope_level in ('district', 'town')),
  district_code text not null references divisions (code),  -- the scope's district (itself for a district report)
  period_kind text not null check (period_kind in ('day', 'week', 'month', 'quarter', 'year', 'custom')),
  first_day date not null,
  last_day date not null check (last_day >= first_day),
  title text not null,
  figures jsonb not null,                                   -- the headline figures, for the list
  docx_file_id bigint not null references files (id),
  html_file_id bigint not null references files (id),
  generated_by int references users (id),                   -- null: the monthly schedule
  generated_at timestamptz not null
);
create index analysis_reports_scope on analysis_reports (scope_code, generated_at desc, id desc);
create index analysis_reports_district on analysis_reports (district_code, generated_at desc, id desc);
-- The monthly report is made once per district and month, however many sweepers fire the timer.
create unique index analysis_reports_monthly on analysis_reports (scope_code, first_day) where generated_by is null and period_kind = 'month';
