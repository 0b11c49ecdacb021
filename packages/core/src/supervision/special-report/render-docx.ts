/**
 * The special report as a Word document laid out like a Chinese government 专报 (after GB/T 9704-2012, the
 * layout of official documents): A4 with the standard margins, the issuer in red over a red rule, the title in
 * 小标宋 二号, headings in 黑体 and text in 仿宋 三号 on a fixed 28 pt line, tables in 五号, the signature, and a
 * ruled box for the leader's instruction. Offices open it in WPS or Word, so only fonts those offices have are
 * named; a machine without 方正小标宋简体 shows the title in its default Song face.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
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
import { buildReportContent, issuerPointSize, type ReportContent, type ReportTable } from './content.ts';
import { MARGIN_MM, TEXT_WIDTH_MM } from './page.ts';
import type { SpecialReportInput } from './special-report.types.ts';

const LATIN = 'Times New Roman';
const FONT = { body: '仿宋', heading: '黑体', title: '方正小标宋简体', kai: '楷体', song: '宋体' } as const;
/** Sizes in half-points, named as Chinese typesetting names them. */
const SIZE = { er: 44, san: 32, si: 28, wu: 21 } as const;
const RED = 'FF0000';
const TEXT_WIDTH = convertMillimetersToTwip(TEXT_WIDTH_MM);
/** A fixed 28 pt line gives the 22 lines a page GB/T 9704 asks for, near enough. */
const BODY_LINE = { line: 560, lineRule: LineRuleType.EXACT };

const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN });
const run = (text: string, o: Omit<IRunOptions, 'text' | 'children'> = {}) => new TextRun({ text, ...o });

function head(c: ReportContent): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240 },
      children: [run(c.issuer, { font: font(FONT.title), size: issuerPointSize(c.issuer) * 2, bold: true, color: RED })],
    }),
    // The number on the left, the date on the right, and the red rule under both (版头分隔线).
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { after: 360 },
      children: [new TextRun({ children: [c.reportNo, new Tab(), c.date], font: font(FONT.body), size: SIZE.san })],
    }),
  ];
}

function titleBlock(c: ReportContent): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: c.subtitle ? 0 : 360, line: 700, lineRule: LineRuleType.EXACT },
      children: c.titleLines.map((line, i) => run(line, { font: font(FONT.title), size: SIZE.er, break: i > 0 ? 1 : undefined })),
    }),
  ];
  if (c.subtitle) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360, ...BODY_LINE }, children: [run(c.subtitle, { font: font(FONT.kai), size: SIZE.san })] }));
  }
  if (c.addressee) out.push(new Paragraph({ spacing: BODY_LINE, children: [run(c.addressee, { font: font(FONT.body), size: SIZE.san })] }));
  return out;
}

const bodyParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLineChars: 200, firstLine: 640 },
    spacing: BODY_LINE,
    children: [run(text, { font: font(FONT.body), size: SIZE.san })],
  });

const heading = (text: string) =>
  new Paragraph({
    indent: { firstLineChars: 200, firstLine: 640 },
    spacing: BODY_LINE,
    keepNext: true,
    children: [run(text, { font: font(FONT.heading), size: SIZE.san })],
  });

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
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

function table(t: ReportTable): Table {
  const widths = t.columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / 100));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.title, widths[i]!, { header: true })) }),
      ...t.rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v.text, widths[i]!, { strong: v.strong })) }),
      ),
    ],
  });
}

/** A paragraph after a table, so the next heading does not stick to the table's last row. */
const gap = () => new Paragraph({ spacing: { after: 120 }, children: [] });

function signature(c: ReportContent): Paragraph[] {
  const right = (text: string, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 640 },
      spacing: { before, ...BODY_LINE },
      keepNext: true,
      children: [run(text, { font: font(FONT.body), size: SIZE.san })],
    });
  return [right(c.signature.issuer, 600), right(c.signature.date)];
}

/** The box the leader writes the instruction in: one ruled cell, about 7 cm tall. */
function instructionBox(c: ReportContent): (Paragraph | Table)[] {
  return [
    new Paragraph({ spacing: { after: 240 }, keepNext: true, children: [] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({
          cantSplit: true,
          height: { value: convertMillimetersToTwip(70), rule: HeightRule.ATLEAST },
          children: [
            new TableCell({
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              borders: { top: { ...thin, size: 8 }, bottom: { ...thin, size: 8 }, left: { ...thin, size: 8 }, right: { ...thin, size: 8 } },
              margins: { top: 120, left: 160, right: 160 },
              children: [new Paragraph({ spacing: BODY_LINE, children: [run(c.instructionLabel, { font: font(FONT.heading), size: SIZE.san })] })],
            }),
          ],
        }),
      ],
    }),
  ];
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

export async function renderSpecialReportDocx(input: SpecialReportInput): Promise<Buffer> {
  const c = buildReportContent(input);
  const body: (Paragraph | Table)[] = [...head(c), ...titleBlock(c)];
  for (const s of c.sections) {
    body.push(heading(s.heading));
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') body.push(bodyParagraph(b.text));
      else body.push(table(b.table), gap());
    }
  }
  body.push(...signature(c), ...instructionBox(c));

  const doc = new Document({
    title: c.title,
    subject: c.reportNo,
    creator: c.issuer,
    lastModifiedBy: c.issuer,
    description: '督办第五级：专报批办',
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
