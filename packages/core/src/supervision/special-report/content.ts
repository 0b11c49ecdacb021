/**
 * The words of a special report, decided once for both renderers: the .docx and the HTML page must say the same
 * thing, so they only lay out this model and never compose sentences of their own.
 */
import { chineseNumber, formatChineseDate, formatChineseDateTime, formatChineseMoment } from '../../shared/report-document/format.ts';
import { ems, issuerPointSize, paragraph, type ReportBlock, type ReportSection } from '../../shared/report-document/blocks.ts';
import { SUPERVISION_LEVEL_NAMES, type SpecialReportInput } from './special-report.types.ts';

export interface ReportContent {
  issuer: string;
  reportNo: string;
  date: string;
  title: string;
  /** The title broken where a reader would break it, so no line ends with a stray character. */
  titleLines: string[];
  subtitle: string | null;
  addressee: string | null;
  sections: ReportSection[];
  signature: { issuer: string; date: string };
  instructionLabel: string;
}

export const INSTRUCTION_LABEL = '领导批示：';

export { issuerPointSize };
export type { ReportBlock, ReportCell, ReportSection, ReportTable } from '../../shared/report-document/blocks.ts';

export function specialReportTitle(input: SpecialReportInput): string {
  return titleLines(input).join('');
}

/** A title longer than about 18 ems (二号 in the text block) goes on two lines, broken after the order code. */
function titleLines(input: SpecialReportInput): string[] {
  const lines = [`关于工单${input.order.code}`, '超期未办结的专报'];
  return ems(lines.join('')) > 18 ? lines : [lines.join('')];
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('');
/** Ends a sentence with a full stop unless the text already ends with punctuation. */
const sentence = (text: string) => (/[。！？；：.!?;:]$/.test(text.trim()) ? text.trim() : `${text.trim()}。`);

function basicFacts(input: SpecialReportInput): ReportBlock[] {
  const o = input.order;
  const reporter = o.reporter && (o.reporter.name || o.reporter.phone)
    ? `反映人：${o.reporter.name ?? '未留姓名'}${o.reporter.phone ? `，联系电话：${o.reporter.phone}` : ''}。`
    : '';
  const area = join(o.town, o.village);
  const where = join(o.address ? `事发地点：${o.address}` : '事发地点未填写', area ? `，属${area}` : '', o.grid ? `，所在网格为${o.grid}` : '', '。');
  const kind = join(o.category ? `该事项归类为“${o.category}”，` : '该事项尚未分类，', `紧急程度为“${o.urgency}”，`);
  const who = input.handlerUnit ? `由${input.dispatchUnit}派遣至${input.handlerUnit}办理。` : `${input.dispatchUnit}尚未派遣。`;
  return [
    paragraph(
      `${formatChineseMoment(o.createdAt)}，${input.dispatchUnit}通过“${o.channel}”渠道收到一件${o.nature}类诉求（工单编号${o.code}），反映：${sentence(o.description)}${reporter}`,
    ),
    paragraph(`${where}${kind}${who}`),
  ];
}

function history(input: SpecialReportInput, asOf: Date): ReportBlock[] {
  if (input.timeline.length === 0) return [paragraph(`截至${formatChineseMoment(asOf)}，该工单没有流转记录。`)];
  return [
    paragraph(`截至${formatChineseMoment(asOf)}，该工单共有${input.timeline.length}条流转记录，办理经过如下：`),
    {
      kind: 'table',
      table: {
        columns: [
          { title: '时间', width: 21 },
          { title: '操作', width: 13 },
          { title: '单位 / 人员', width: 26 },
          { title: '办理情况', width: 40 },
        ],
        rows: input.timeline.map((e) =>
          [formatChineseDateTime(e.at), e.action, [e.unit, e.actor].filter(Boolean).join('\n') || '—', e.note?.trim() || '—'].map((text) => ({ text })),
        ),
      },
    },
  ];
}

function lateness(input: SpecialReportInput, asOf: Date): ReportBlock[] {
  const l = input.lateness;
  const blocks: ReportBlock[] = [
    paragraph(
      l
        ? `该工单“${l.step}”环节应于${formatChineseMoment(l.dueAt)}前完成，截至${formatChineseMoment(asOf)}仍未完成，${l.overdueText}。${l.remark ? sentence(l.remark) : ''}`
        : `截至${formatChineseMoment(asOf)}，该工单各环节均未超过时限，尚未办结。`,
    ),
  ];
  if (input.deadlines.length === 0) return blocks;
  blocks.push(paragraph('各环节时限执行情况如下：'), {
    kind: 'table',
    table: {
      columns: [
        { title: '环节', width: 12 },
        { title: '时限', width: 14 },
        { title: '应完成时间', width: 23 },
        { title: '实际完成时间', width: 23 },
        { title: '超时情况', width: 28 },
      ],
      rows: input.deadlines.map((d) => [
        { text: d.step },
        { text: d.limit },
        { text: formatChineseDateTime(d.dueAt) },
        { text: d.doneAt ? formatChineseDateTime(d.doneAt) : '未完成' },
        d.overdueText ? { text: d.overdueText, strong: true } : { text: '未超时' },
      ]),
    },
  });
  return blocks;
}

function supervisions(input: SpecialReportInput): ReportBlock[] {
  const earlier = input.supervisions;
  if (earlier.length === 0) return [paragraph('此前未开展督办，现直接以专报报请领导批示。')];
  return [
    paragraph(`此前已按督办层级开展督办${earlier.length}次：`),
    ...earlier.map((s, i) =>
      paragraph(
        `（${chineseNumber(i + 1)}）${formatChineseMoment(s.at)}，${s.by}进行${s.levelName}（第${chineseNumber(s.level)}级督办）${s.note ? `：${sentence(s.note)}` : '。'}`,
      ),
    ),
    paragraph(`经上述督办，该工单仍未办结，现按第五级“${SUPERVISION_LEVEL_NAMES[5]}”程序报请领导批示。`),
  ];
}

function requests(input: SpecialReportInput): ReportSection {
  const suggestions = input.suggestions ?? [];
  return {
    heading: suggestions.length ? '五、处理建议及请示事项' : '五、请示事项',
    blocks: [...suggestions.map((s, i) => paragraph(`（${chineseNumber(i + 1)}）${sentence(s)}`)), paragraph(input.request)],
  };
}

export function buildReportContent(input: SpecialReportInput): ReportContent {
  const asOf = input.lateness?.asOf ?? input.issuedAt;
  const date = formatChineseDate(input.issuedAt);
  return {
    issuer: input.issuer,
    reportNo: input.reportNo,
    date,
    title: specialReportTitle(input),
    titleLines: titleLines(input),
    subtitle: input.order.summary ? `（${input.order.summary}）` : null,
    addressee: input.addressee ?? null,
    sections: [
      { heading: '一、基本情况', blocks: basicFacts(input) },
      { heading: '二、办理经过', blocks: history(input, asOf) },
      { heading: '三、超期情况', blocks: lateness(input, asOf) },
      { heading: '四、督办情况', blocks: supervisions(input) },
      requests(input),
    ],
    signature: { issuer: input.issuer, date },
    instructionLabel: INSTRUCTION_LABEL,
  };
}
