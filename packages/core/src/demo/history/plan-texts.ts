/**
 * The words of an order: its description by channel and nature, its reporter (诉求人), and the handling
 * result a unit feeds back (反馈). Drawn from the order's own random stream.
 */
import type { HistoryCondition } from './context-catalogue.ts';
import type { HistoryGrid } from './history-context.ts';
import { RATES } from './plan-mix.ts';
import { chance, pick, type Rng } from './rng.ts';
import { byNature, MATTER_TEXTS } from './texts-matters.ts';
import { mobileNumber, personName, placeIn, type Place } from './texts-places.ts';

export interface PlannedReporter {
  name: string | null;
  phone: string | null;
  anonymous: boolean;
}

function fill(template: string, p: Place): string {
  return template.replace(/\{(spot|estate|village|grid)\}/g, (_, k: keyof Place) => p[k]);
}

/** The matter in a caller's words, without the nature's framing. */
function coreText(rng: Rng, c: HistoryCondition, p: Place): string {
  const own = MATTER_TEXTS[c.categoryCode];
  // A matter's urgent condition is described by the condition itself (塌陷, 缺失…), not by the everyday text.
  if (own && c.urgency === 'normal') return fill(pick(rng, own), p);
  return `${p.spot}${c.description.replace(/[（(].*?[）)]/g, '')}`;
}

export function describe(rng: Rng, channel: string, nature: string, c: HistoryCondition, g: HistoryGrid): { description: string; address: string } {
  const p = placeIn(rng, g);
  const core = coreText(rng, c, p);
  let description: string;
  if (channel === 'grid_patrol') description = `网格员巡查发现：${core}。（${p.grid}）`;
  else if (channel === 'video') description = `视频监控识别：${p.spot}疑似${c.categoryName}，请核实处置。`;
  else if (channel === 'leader') description = `领导交办：${core}，请抓紧办理并反馈结果。`;
  else description = byNature(nature, core, c.categoryName, p.spot);
  return { description, address: p.address };
}

/** A second report of the same incident (并单候选): same place, other words. */
export function describeAgain(rng: Rng, original: string): string {
  const lead = pick(rng, ['又有群众来电反映：', '多人反映：', '再次反映：', '']);
  return `${lead}${original.replace(/^(咨询|建议|表扬|举报|求助)：/, '')}`;
}

export function planReporter(rng: Rng, channel: string, frequent: readonly { name: string; phone: string }[]): PlannedReporter | null {
  if (channel === 'grid_patrol' || channel === 'video' || channel === 'leader') return null;
  if (chance(rng, RATES.anonymous)) return { name: null, phone: null, anonymous: true };
  if (chance(rng, RATES.frequentCaller)) return { ...pick(rng, frequent), anonymous: false };
  return { name: personName(rng), phone: mobileNumber(rng), anonymous: false };
}

/** What a co-handling unit reports of its part (协办反馈). */
export function coFeedbackText(rng: Rng): string {
  const who = pick(rng, ['已派员配合主办单位', '已按本单位职责', '已会同属地']);
  const what = pick(rng, ['完成现场协查', '完成相关整改', '提供执法保障', '完成管线排查', '落实后续监管']);
  return `${who}${what}，情况已告主办单位。`;
}

export function feedbackText(rng: Rng, c: HistoryCondition, again: boolean): string {
  const how = pick(rng, ['已安排人员到现场', '已组织力量', '经现场核实后', '已联系责任人']);
  const tail = pick(rng, ['整改前后照片已上传。', '已与诉求人沟通。', '将持续关注，防止反弹。', '']);
  return `${again ? '返工后' : ''}${how}处置：${c.closing}。${tail}`;
}

export function selfHandleText(rng: Rng, c: HistoryCondition): string {
  return `网格员现场处置：${c.closing}，已拍照留存。${pick(rng, ['', '已劝导当事人。', '已告知物业加强管理。'])}`;
}
