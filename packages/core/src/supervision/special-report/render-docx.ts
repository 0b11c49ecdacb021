/**
 * The special report as a Word document laid out like a Chinese government 专报 (shared/report-document/docx.ts:
 * GB/T 9704 page, red head, 小标宋 title, 黑体 headings, 仿宋 text, tables in 五号), with the signature and a ruled
 * box for the leader's instruction.
 */
import { HeightRule, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, convertMillimetersToTwip } from 'docx';
import { BODY_LINE, FONT, SIZE, TEXT_WIDTH, font, packDocument, redHead, run, sections, signature, thin, titleBlock } from '../../shared/report-document/docx.ts';
import { buildReportContent, type ReportContent } from './content.ts';
import type { SpecialReportInput } from './special-report.types.ts';

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

export async function renderSpecialReportDocx(input: SpecialReportInput): Promise<Buffer> {
  const c = buildReportContent(input);
  const body = [
    ...redHead(c),
    ...titleBlock(c.titleLines, c.subtitle, c.addressee),
    ...sections(c.sections),
    ...signature(c.signature.issuer, c.signature.date),
    ...instructionBox(c),
  ];
  return packDocument({ title: c.title, subject: c.reportNo, creator: c.issuer, description: '督办第五级：专报批办' }, body);
}
