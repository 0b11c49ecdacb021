delete from timers where kind = 'analysis_reports.monthly';
create temporary table analysis_report_files as
  select docx_file_id as id from analysis_reports union select html_file_id from analysis_reports;
drop table analysis_reports;
delete from files where id in (select id from analysis_report_files);
drop table analysis_report_files;
