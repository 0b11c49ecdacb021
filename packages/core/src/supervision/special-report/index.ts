/** The special report (专报), the fifth level of the supervision ladder: a .docx and an HTML page from plain data. */
export * from './special-report.types.ts';
export { buildReportContent, specialReportTitle, INSTRUCTION_LABEL, type ReportContent } from './content.ts';
export { chineseNumber, formatChineseDate, formatChineseDateTime, formatChineseMoment, formatLimit, formatOverdue, formatWorkingSpan } from '../../shared/report-document/format.ts';
export { renderSpecialReportDocx } from './render-docx.ts';
export { escapeHtml, renderSpecialReportHtml } from './render-html.ts';
