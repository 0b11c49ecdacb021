/** 研判报告 (analysis reports, docs/analysis-reports.md). */
export { generateReport, getReport, listReports, reportFile, prepareReport, insertReport } from './analysis-reports.ts';
export { makeMonthlyReports, monthBefore, MONTHLY_CHECK_MS } from './monthly-reports.ts';
