/**
 * Report documents as Word files laid out like Chinese government documents (after GB/T 9704-2012): A4 with the
 * standard margins, the issuer in red over a red rule, the title in 小标宋 二号, headings in 黑体 and text in 仿宋
 * 三号 on a fixed 28 pt line, tables in 五号, charts as pictures the width of the text block, page numbers
 * '— 1 —'. Offices open them in WPS or Word, so only fonts those offices have are named; a machine without
 * 方正小标宋简体 shows the title in its default Song face. The special report and the analysis report both build
 * their files from these parts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
} from 'docx';
import { issuerPointSize, type ReportBlock, type ReportFigure, type ReportHead, type ReportSection, type ReportTable } from './blocks.ts';
import { MARGIN_MM, TEXT_WIDTH_MM } from './page.ts';

const LATIN = 'Times New Roman';
export const FONT = { body: '仿宋', heading: '黑体', title: '方正小标宋简体', kai: '楷体', song: '宋体' } as const;
/** Sizes in half-points, named as Chinese typesetting names them. */
export const SIZE = { er: 44, san: 32, si: 28, wu: 21 } as const;
const RED = 'FF0000';
export const TEXT_WIDTH = convertMillimetersToTwip(TEXT_WIDTH_MM);
/** A fixed 28 pt line gives the 22 lines a page GB/T 9704 asks for, near enough. */
export const BODY_LINE = { line: 560, lineRule: LineRuleType.EXACT };

export const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN });
export const run = (text: string, o: Omit<IRunOptions, 'text' | 'children'> = {}) => new TextRun({ text, ...o });

/** The issuer in red, the number on the left and the date on the right, and the red rule under both (版头分隔线). */
export function redHead(c: ReportHead): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240 },
      children: [run(c.issuer, { font: font(FONT.title), size: issuerPointSize(c.issuer) * 2, bold: true, color: RED })],
    }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { after: 360 },
      children: [new TextRun({ children: [c.reportNo, new Tab(), c.date], font: font(FONT.body), size: SIZE.san })],
    }),
  ];
}

/** The title (one or more lines) in 二号, an optional subtitle in 楷体, an optional addressee. */
export function titleBlock(titleLines: string[], subtitle: string | null, addressee: string | null): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: subtitle ? 0 : 360, line: 700, lineRule: LineRuleType.EXACT },
      children: titleLines.map((line, i) => run(line, { font: font(FONT.title), size: SIZE.er, break: i > 0 ? 1 : undefined })),
    }),
  ];
  if (subtitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360, ...BODY_LINE }, children: [run(subtitle, { font: font(FONT.kai), size: SIZE.san })] }));
  if (addressee) out.push(new Paragraph({ spacing: BODY_LINE, children: [run(addressee, { font: font(FONT.body), size: SIZE.san })] }));
  return out;
}

export const bodyParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLineChars: 200, firstLine: 640 },
    spacing: BODY_LINE,
    children: [run(text, { font: font(FONT.body), size: SIZE.san })],
  });

export const heading = (text: string) =>
  new Paragraph({
    indent: { firstLineChars: 200, firstLine: 640 },
    spacing: BODY_LINE,
    keepNext: true,
    children: [run(text, { font: font(FONT.heading), size: SIZE.san })],
  });

export const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cellBorders = { top: thin, bottom: thin, left: thin, right: thin };

function cell(text: string, width: number, o: { header?: boolean; strong?: boolean | undefined } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: cellBorders,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: o.header ? { fill: 'F2F2F2' } : undefined,
    // One paragraph per line of the text, so line breaks in a note survive.
    children: text.split(/\r?\n/).map(
      (line) =>
        new Paragraph({
          alignment: o.header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { font: font(o.header ? FONT.heading : FONT.body), size: SIZE.wu, bold: o.strong })],
        }),
    ),
  });
}

export function table(t: ReportTable): Table {
  const widths = t.columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / 100));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.title, widths[i]!, { header: true })) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v.text, widths[i]!, { strong: v.strong })) })),
    ],
  });
}

/** A paragraph after a table, so the next heading does not stick to the table's last row. */
export const gap = () => new Paragraph({ spacing: { after: 120 }, children: [] });

/** Points of the text block's width: a chart is drawn at most this wide (1 px = 0.75 pt in Word's pictures). */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_MM / 25.4) * 96);

/** A chart as a picture scaled to the text block, its caption under it in 黑体 五号. */
export function figure(f: ReportFigure): Paragraph[] {
  const scale = Math.min(1, TEXT_WIDTH_PX / f.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: f.png, transformation: { width: Math.round(f.width * scale), height: Math.round(f.height * scale) }, altText: { name: f.caption, title: f.caption, description: f.caption } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [run(f.caption, { font: font(FONT.heading), size: SIZE.wu })] }),
  ];
}

export function block(b: ReportBlock): (Paragraph | Table)[] {
  if (b.kind === 'paragraph') return [bodyParagraph(b.text)];
  if (b.kind === 'table') return [table(b.table), gap()];
  return figure(b.figure);
}

export const sections = (list: ReportSection[]): (Paragraph | Table)[] => list.flatMap((s) => [heading(s.heading), ...s.blocks.flatMap(block)]);

/** The signature at the right: the issuer and the date. */
export function signature(issuer: string, date: string): Paragraph[] {
  const right = (text: string, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 640 },
      spacing: { before, ...BODY_LINE },
      keepNext: true,
      children: [run(text, { font: font(FONT.body), size: SIZE.san })],
    });
  return [right(issuer, 600), right(date)];
}

/** Page numbers as official documents print them: '— 1 —' in 宋体 四号. */
const pageFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.song), size: SIZE.si })],
      }),
    ],
  });

/** The whole document: A4, the standard margins, the page numbers, the body given. */
export async function packDocument(meta: { title: string; subject: string; creator: string; description: string }, body: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.creator,
    lastModifiedBy: meta.creator,
    description: meta.description,
    styles: {
      default: {
        document: { run: { font: font(FONT.body), size: SIZE.san, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(MARGIN_MM.top),
              bottom: convertMillimetersToTwip(MARGIN_MM.bottom),
              left: convertMillimetersToTwip(MARGIN_MM.left),
              right: convertMillimetersToTwip(MARGIN_MM.right),
              footer: convertMillimetersToTwip(20),
            },
          },
        },
        footers: { default: pageFooter() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
