/**
 * Report documents as one self-contained HTML page each (no external fonts, scripts or images: charts are inline
 * SVG), for the browser and for printing: the same blocks as the .docx, in the same order, styled after the same
 * official layout. Every piece of text comes from users or reference data, so all of it is escaped; nothing but
 * the charts' SVG, drawn on the server from numbers, is inserted as markup.
 */
import { issuerPointSize, type ReportBlock, type ReportHead, type ReportSection, type ReportTable } from './blocks.ts';
import { MARGIN_MM } from './page.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Escaped, with the text's own line breaks kept. */
export const text = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

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
figure { margin: 6pt 0 10pt; text-align: center; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 10.5pt; line-height: 1.5; }
.signature { margin-top: 30pt; text-align: right; padding-right: 2em; break-inside: avoid; }
.instruction { margin-top: 12pt; min-height: 70mm; border: 1pt solid #000; padding: 6pt 8pt; break-inside: avoid; }
.instruction .label { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; }
@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
`;

export function table(t: ReportTable): string {
  const cols = t.columns.map((c) => `<col style="width:${c.width}%">`).join('');
  const head = t.columns.map((c) => `<th scope="col">${text(c.title)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((v) => `<td${v.strong ? ' class="strong"' : ''}>${text(v.text)}</td>`).join('')}</tr>`).join('\n');
  return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function block(b: ReportBlock): string {
  if (b.kind === 'paragraph') return `<p>${text(b.text)}</p>`;
  if (b.kind === 'table') return table(b.table);
  return `<figure role="img" aria-label="${escapeHtml(b.figure.caption)}">${b.figure.svg}<figcaption>${text(b.figure.caption)}</figcaption></figure>`;
}

export const sections = (list: ReportSection[]) => list.map((s) => `<section><h2>${text(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}</section>`);

export function redHead(c: ReportHead): string {
  return [
    `<header><div class="issuer" style="font-size:${issuerPointSize(c.issuer)}pt">${text(c.issuer)}</div>`,
    `<div class="number"><span>${text(c.reportNo)}</span><span>${text(c.date)}</span></div></header>`,
  ].join('\n');
}

export function titleBlock(titleLines: string[], subtitle: string | null, addressee: string | null): string {
  return [
    `<div class="title-block"><h1>${titleLines.map(text).join('<br>')}</h1>${subtitle ? `<div class="subtitle">${text(subtitle)}</div>` : ''}</div>`,
    addressee ? `<div class="addressee">${text(addressee)}</div>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export const signature = (issuer: string, date: string) => `<div class="signature"><div>${text(issuer)}</div><div>${text(date)}</div></div>`;

/** The page around a body already made of the parts above. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main class="page">
${body}
</main>
</body>
</html>
`;
}
