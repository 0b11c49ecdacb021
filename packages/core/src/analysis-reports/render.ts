/** The analysis report as a .docx and as an HTML page, laid out by the shared report document parts. */
import * as docx from '../shared/report-document/docx.ts';
import * as html from '../shared/report-document/html.ts';
import type { AnalysisReportContent } from './report-content.ts';

export function renderAnalysisDocx(c: AnalysisReportContent): Promise<Buffer> {
  return docx.packDocument({ title: c.title, subject: c.reportNo, creator: c.issuer, description: '研判报告' }, [
    ...docx.redHead(c),
    ...docx.titleBlock(c.titleLines, c.subtitle, null),
    ...docx.sections(c.sections),
    ...docx.signature(c.signature.issuer, c.signature.date),
  ]);
}

export function renderAnalysisHtml(c: AnalysisReportContent): string {
  return html.htmlPage(c.title, [html.redHead(c), html.titleBlock(c.titleLines, c.subtitle, null), ...html.sections(c.sections), html.signature(c.signature.issuer, c.signature.date)].join('\n'));
}
