/**
 * The special report as one self-contained HTML page (shared/report-document/html.ts): the same words as the
 * .docx, in the same order, with the signature and the box for the leader's instruction.
 */
import { escapeHtml, htmlPage, redHead, sections, signature, text, titleBlock } from '../../shared/report-document/html.ts';
import { buildReportContent } from './content.ts';
import type { SpecialReportInput } from './special-report.types.ts';

export { escapeHtml };

export function renderSpecialReportHtml(input: SpecialReportInput): string {
  const c = buildReportContent(input);
  const body = [
    redHead(c),
    titleBlock(c.titleLines, c.subtitle, c.addressee),
    ...sections(c.sections),
    signature(c.signature.issuer, c.signature.date),
    `<div class="instruction"><span class="label">${text(c.instructionLabel)}</span></div>`,
  ].join('\n');
  return htmlPage(c.title, body);
}
