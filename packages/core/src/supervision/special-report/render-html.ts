/**
 * The special report as one self-contained HTML page (no external fonts, scripts or images), for the browser and
 * for printing: the same words as the .docx, in the same order, styled after the same 专报 layout. Every piece of
 * text comes from users or reference data, so all of it is escaped; nothing is ever inserted as markup.
 */
import { buildReportContent, issuerPointSize, type ReportBlock, type ReportContent, type ReportTable } from './content.ts';
import { MARGIN_MM } from './page.ts';
import type { SpecialReportInput } from './special-report.types.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Escaped, with the text's own line breaks kept. */
const text = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

// Font stacks: Windows names first (what WPS/Word offices have), then macOS and Linux equivalents.
const CSS = `
@page { size: A4; margin: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm; }
* { box-sizing: border-box; }
html { background: #f0f0f0; }
body { margin: 0; color: #000; font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt; line-height: 28pt; }
.page { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm; background: #fff; box-shadow: 0 0 4px rgba(0,0,0,.2); }
.issuer { margin: 0 0 12pt; color: #ff0000; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; font-weight: bold; line-height: 1.4; }
.number { display: flex; justify-content: space-between; padding-bottom: 4pt; border-bottom: 2.25pt solid #ff0000; margin-bottom: 18pt; }
h1 { margin: 12pt 0 0; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; font-weight: normal; font-size: 22pt; line-height: 35pt; }
.subtitle { margin: 0; text-align: center; font-family: "KaiTi", "楷体", "STKaiti", serif; }
.addressee { margin: 18pt 0 0; }
h2 { margin: 0; text-indent: 2em; font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-weight: normal; font-size: 16pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.title-block { margin-bottom: 18pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4pt 0 8pt; font-size: 10.5pt; line-height: 1.5; }
th, td { border: .5pt solid #000; padding: 2pt 4pt; vertical-align: middle; text-align: left; overflow-wrap: anywhere; }
th { background: #f2f2f2; text-align: center; font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-weight: normal; }
td.strong { font-weight: bold; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.signature { margin-top: 30pt; text-align: right; padding-right: 2em; break-inside: avoid; }
.instruction { margin-top: 12pt; min-height: 70mm; border: 1pt solid #000; padding: 6pt 8pt; break-inside: avoid; }
.instruction .label { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; }
@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
`;

function table(t: ReportTable): string {
  const cols = t.columns.map((c) => `<col style="width:${c.width}%">`).join('');
  const head = t.columns.map((c) => `<th scope="col">${text(c.title)}</th>`).join('');
  const rows = t.rows
    .map((r) => `<tr>${r.map((v) => `<td${v.strong ? ' class="strong"' : ''}>${text(v.text)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

const block = (b: ReportBlock) => (b.kind === 'paragraph' ? `<p>${text(b.text)}</p>` : table(b.table));

function body(c: ReportContent): string {
  return [
    `<header><div class="issuer" style="font-size:${issuerPointSize(c.issuer)}pt">${text(c.issuer)}</div>`,
    `<div class="number"><span>${text(c.reportNo)}</span><span>${text(c.date)}</span></div></header>`,
    `<div class="title-block"><h1>${c.titleLines.map(text).join('<br>')}</h1>${c.subtitle ? `<div class="subtitle">${text(c.subtitle)}</div>` : ''}</div>`,
    c.addressee ? `<div class="addressee">${text(c.addressee)}</div>` : '',
    ...c.sections.map((s) => `<section><h2>${text(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}</section>`),
    `<div class="signature"><div>${text(c.signature.issuer)}</div><div>${text(c.signature.date)}</div></div>`,
    `<div class="instruction"><span class="label">${text(c.instructionLabel)}</span></div>`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderSpecialReportHtml(input: SpecialReportInput): string {
  const c = buildReportContent(input);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(c.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="page">
${body(c)}
</main>
</body>
</html>
`;
}
