/**
 * The 1,000 demo dispatches bench:dispatch learns from — never the development set:
 * - real messages (data/tipdm2020_messages_with_replies.csv), each labelled with the unit its official reply names
 *   (the first of the patterns below found in the reply; a reply naming none is left out), and
 * - the demo history's words for the catalogue's matters (demo/history/texts-matters.ts, places filled in), each
 *   dispatched to its condition's lead unit,
 * drawn by a seeded generator (a share of real messages) until there are 1,000 (a real message comes back several times, as a
 * frequent matter does in a hotline's day). Dev messages are checked not to be among them.
 */
import { readFileSync } from 'node:fs';
import { parseCsvTable } from '@liandong/core/shared/csv.ts';
import { MATTER_TEXTS } from '@liandong/core/demo/history/texts-matters.ts';
import type { CatalogueText } from '@liandong/core/smart-dispatch/training-set.ts';
import type { TrainingExample } from '@liandong/core/smart-dispatch/dispatch-model.rules.ts';

/** Which unit a reply names (A市/B市's bodies, mapped to Wujiang's of the same remit). */
const REPLY_UNITS: [RegExp, string][] = [
  [/交警|交通警察|交通管理/, 'WJ-JJ'],
  [/住建|住房和城乡建设|房屋交易|房产|物业/, 'WJ-ZJJ'],
  [/城管|城市管理|执法局/, 'WJ-CGJ'],
  [/交通运输|公交|运管|公路|客运/, 'WJ-JTJ'],
  [/教育|学校|幼儿园|教师/, 'WJ-JYJ'],
  [/人社|人力资源|社保|社会保险|养老保险|医保|就业|工资/, 'WJ-RSJ'],
  [/卫健|卫生|计生|医院|疫苗|生育/, 'WJ-WJW'],
  [/环保|生态环境|环境保护|噪声|污染/, 'WJ-HBJ'],
  [/市场监|质监|工商|食品|安监/, 'WJ-SJJ'],
  [/规划|国土|自然资源/, 'WJ-ZRJ'],
  [/水务|供水|排水/, 'WJ-SWJ'],
  [/公安|派出所|传销/, 'WJ-GAJ'],
  [/商务|商贸/, 'WJ-SWUJ'],
  [/文旅|旅游|文化|体育|广电/, 'WJ-WTLJ'],
  [/民政|养老院|低保/, 'WJ-MZJ'],
  [/农业|农村|村民/, 'WJ-NYJ'],
];

export function replyUnit(reply: string): string | null {
  let best: { at: number; unit: string } | null = null;
  for (const [re, unit] of REPLY_UNITS) {
    const m = re.exec(reply);
    if (m && (!best || m.index < best.at)) best = { at: m.index, unit };
  }
  return best?.unit ?? null;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SPOTS = ['松陵镇中山路', '盛泽镇舜湖路', '平望镇梅堰路口', '黎里古镇老街', '同里镇环湖路', '震泽镇宝塔街'];
const ESTATES = ['长安花苑12幢', '东太湖花园3幢', '鲈乡二村5幢'];
const VILLAGES = ['众安桥村', '北厍社区', '庙港村'];

export function demoDispatches(conditions: readonly CatalogueText[], devTexts: ReadonlySet<string>, realShare: number, n = 1000, seed = 13): { examples: TrainingExample[]; real: number; matters: number } {
  const real: TrainingExample[] = [];
  const file = readFileSync(new URL('./data/tipdm2020_messages_with_replies.csv', import.meta.url), 'utf8');
  for (const { values: v } of parseCsvTable(file).rows) {
    const text = `${v['留言主题']} ${v['留言详情']}`;
    if (devTexts.has(v['留言详情']!) || devTexts.has(v['留言主题']!)) throw new Error('a development message is among the demo dispatches');
    const unit = replyUnit(v['答复意见']!);
    if (unit) real.push({ text, unitCode: unit, conditionCode: null, weight: 1, prior: true });
  }
  const byCategory = new Map<string, CatalogueText>();
  for (const c of conditions) if (c.condition.unitCode && !byCategory.has(c.condition.categoryCode)) byCategory.set(c.condition.categoryCode, c);
  const matters: TrainingExample[] = [];
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (const [code, texts] of Object.entries(MATTER_TEXTS)) {
    const c = byCategory.get(code);
    if (!c) continue;
    for (const t of texts) {
      const text = t.replace('{spot}', pick(SPOTS)).replace('{estate}', pick(ESTATES)).replace('{village}', pick(VILLAGES)).replace('{grid}', '第3网格');
      matters.push({ text, unitCode: c.condition.unitCode, conditionCode: c.condition.code, weight: 1, prior: true });
    }
  }
  const out: TrainingExample[] = [];
    for (let i = 0; i < n; i++) out.push(r() < realShare ? pick(real) : pick(matters));
  return { examples: out, real: real.length, matters: matters.length };
}
