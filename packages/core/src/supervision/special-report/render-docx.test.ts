import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patchDocument } from 'docx';
import JSZip from 'jszip';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUCTION_LABEL, issuerPointSize, specialReportTitle } from './content.ts';
import { renderSpecialReportDocx } from './render-docx.ts';
import { renderSpecialReportHtml } from './render-html.ts';
import { sampleSpecialReportInput } from './sample-input.ts';
import type { SpecialReportInput } from './special-report.types.ts';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e]!,
  );

/** The text of each paragraph of word/document.xml, as Word would show it (runs joined, tabs as \t). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[0] === '<w:tab/>' ? '\t' : decode(m[1]!))).join(''),
  );
}

async function open(input: SpecialReportInput) {
  const buffer = await renderSpecialReportDocx(input);
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { buffer, zip, xml, text: paragraphs(xml).join('\n') };
}

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('renderSpecialReportDocx', () => {
  const input = sampleSpecialReportInput();
  let doc: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    doc = await open(input);
  });

  it('is a .docx package: a zip with the parts Word needs', () => {
    expect(doc.buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']) {
      expect(doc.zip.file(part), part).not.toBeNull();
    }
  });

  it('says what the report must say: title, order, every step of the timeline, the lateness, the instruction box', () => {
    const t = doc.text;
    expect(t).toContain(specialReportTitle(input));
    expect(t).toContain(input.issuer);
    expect(t).toContain(`${input.reportNo}\t2026年11月20日`);
    expect(t).toContain(input.order.code);
    for (const e of input.timeline) expect(t).toContain(e.note!);
    expect(t).toContain(input.lateness!.overdueText);
    expect(t).toContain('该工单“处置”环节应于2026年11月18日15时00分前完成，截至2026年11月20日15时00分仍未完成，超时 2 工作日。');
    expect(t).toContain(INSTRUCTION_LABEL);
    expect(t).toContain('领导批示');
    for (const h of ['一、基本情况', '二、办理经过', '三、超期情况', '四、督办情况', '五、处理建议及请示事项']) expect(paragraphs(doc.xml)).toContain(h);
    expect(t).toContain('（四）2026年11月19日16时00分，系统进行短信督办（第四级督办）');
    expect(t).toContain('现按第五级“专报批办”程序报请领导批示');
  });

  it('lays the deadlines and the timeline out as tables with a repeated header row', () => {
    const tables = [...doc.xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => paragraphs(m[0]));
    expect(tables).toHaveLength(3); // timeline, deadlines, instruction box
    expect(tables[0]!.slice(0, 4)).toEqual(['时间', '操作', '单位 / 人员', '办理情况']);
    expect(tables[0]).toContain('2026年11月17日 16:05');
    expect(tables[1]!.slice(0, 5)).toEqual(['环节', '时限', '应完成时间', '实际完成时间', '超时情况']);
    expect(tables[1]!.slice(-5)).toEqual(['处置', '2 工作日', '2026年11月18日 15:00', '未完成', '超时 2 工作日']);
    expect(tables[2]).toEqual([INSTRUCTION_LABEL]);
    expect(doc.xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
  });

  it('is A4, with the red head and the fonts Chinese offices use', () => {
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(doc.xml)!;
    expect(Math.abs(Number(size[1]) - 11906)).toBeLessThan(3);
    expect(Math.abs(Number(size[2]) - 16838)).toBeLessThan(3);
    expect(doc.xml).toContain('w:color="FF0000"'); // the red rule
    expect(doc.xml).toMatch(/<w:color w:val="FF0000"\/>/); // the red issuer
    for (const f of ['仿宋', '黑体', '方正小标宋简体']) expect(doc.xml).toContain(`w:eastAsia="${f}"`);
    expect(doc.xml).toContain('<w:sz w:val="44"/>'); // the title in 二号
  });

  it('breaks a long title after the order code and sets only the lateness in bold', () => {
    const title = paragraphs(doc.xml).find((p) => p.startsWith('关于工单'))!;
    expect(title).toBe(specialReportTitle(input));
    expect(doc.xml).toMatch(/关于工单LD20261116000123<\/w:t><\/w:r><w:r>[\s\S]*?<w:br\/><w:t[^>]*>超期未办结的专报/);
    const deadlines = [...doc.xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)][1]![0];
    const bold = [...deadlines.matchAll(/<w:r>((?:(?!<\/w:r>)[\s\S])*)<\/w:r>/g)].filter((r) => r[1]!.includes('<w:b/>')).map((r) => paragraphs(`<w:p>${r[0]}</w:p>`)[0]);
    expect(bold).toEqual(['超时 2 工作日']);
  });

  it("opens with docx's own reader, whose XML parser rejects what is not well formed", async () => {
    await expect(patchDocument({ outputType: 'nodebuffer', data: doc.buffer, patches: {} })).resolves.toBeInstanceOf(Buffer);
    // The check has teeth: the same package with a broken document.xml is refused.
    const broken = await JSZip.loadAsync(doc.buffer);
    broken.file('word/document.xml', doc.xml.replace('</w:body>', ''));
    const bad = await broken.generateAsync({ type: 'nodebuffer' });
    await expect(patchDocument({ outputType: 'nodebuffer', data: bad, patches: {} })).rejects.toThrow(/Invalid XML|not closed|closing/i);
  });

  it('escapes markup in what people wrote, and the document still opens', async () => {
    const hostile = sampleSpecialReportInput();
    hostile.order.description = '井盖<script>alert("x")</script>丢了 & ]]> \'没人管\'';
    hostile.timeline[0]!.note = '</w:t></w:r></w:p><w:p>';
    const d = await open(hostile);
    expect(d.xml).not.toContain('<script>');
    expect(d.text).toContain('井盖<script>alert("x")</script>丢了 & ]]> \'没人管\'');
    expect(d.text).toContain('</w:t></w:r></w:p><w:p>');
    await expect(patchDocument({ outputType: 'nodebuffer', data: d.buffer, patches: {} })).resolves.toBeInstanceOf(Buffer);
  });

  it('dates the report in China time even when the machine is in another zone', async () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date('2026-11-20T16:30:00Z').getDate()).toBe(20); // the zone really is in force
    const late = sampleSpecialReportInput();
    late.issuedAt = new Date('2026-11-20T16:30:00Z'); // 00:30 on the 21st in China
    const d = await open(late);
    expect(d.text).toContain(`${late.reportNo}\t2026年11月21日`);
    expect(d.text).toContain('截至2026年11月21日0时30分');
    expect(paragraphs(d.xml)).toContain('2026年11月21日'); // the signature date
    expect(d.text).not.toContain('2026年11月20日\n');
  });

  it('keeps a long issuer on one line by shrinking it, within 小二 and 小初', () => {
    // 18 characters at 23 pt are 414 pt, inside the 442 pt text block with room for the bold face.
    expect(issuerPointSize('吴江区社会综合治理网格化联动指挥中心')).toBe(23);
    expect(doc.xml).toContain('<w:sz w:val="46"/>');
    expect(issuerPointSize('联动中心')).toBe(36);
    expect(issuerPointSize('某'.repeat(40))).toBe(18);
  });

  const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
  it.skipIf(!soffice)('converts to PDF with LibreOffice', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'special-report-'));
    try {
      writeFileSync(join(dir, 'report.docx'), doc.buffer);
      const r = spawnSync(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // SPECIAL_REPORT_SAMPLE_DIR=/tmp npx vitest run … writes the sample report there to look at.
  it.runIf(process.env.SPECIAL_REPORT_SAMPLE_DIR)('writes the sample report for a look', () => {
    const dir = process.env.SPECIAL_REPORT_SAMPLE_DIR!;
    writeFileSync(join(dir, 'special-report-sample.docx'), doc.buffer);
    writeFileSync(join(dir, 'special-report-sample.html'), renderSpecialReportHtml(input));
  });
});
