/**
 * A realistic special report for tests and previews: a missing sewer manhole cover in 松陵街道 (Wujiang),
 * reported on the 12345 hotline on Monday 16 November 2026, signed for by the water bureau the same afternoon
 * with two working days to handle it, and still open on Friday — two working days late.
 */
import type { SpecialReportInput } from './special-report.types.ts';

/** A China-local wall-clock time ('2026-11-16 13:40') as an instant. */
export const chinaTime = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const CENTRE = '吴江区社会综合治理网格化联动指挥中心';
const WATER = '吴江区水务局';

export function sampleSpecialReportInput(): SpecialReportInput {
  return {
    reportNo: '吴江联动专报〔2026〕第12号',
    issuedAt: chinaTime('2026-11-20 15:00'),
    issuer: CENTRE,
    addressee: '区委、区政府领导：',
    order: {
      code: 'LD20261116000123',
      summary: '鲈乡南路人行道污水井盖缺失',
      description: '鲈乡南路与中山南路交叉口东侧人行道上污水井盖缺失，现仅用一块木板盖着，晚上看不清，已有电动车差点摔倒，存在很大安全隐患',
      address: '吴江区松陵街道鲈乡南路与中山南路交叉口东侧人行道',
      channel: '12345热线',
      nature: '投诉',
      category: '污水井盖',
      urgency: '紧急',
      town: '松陵街道',
      village: '流虹社区',
      grid: '流虹第3网格',
      reporter: { name: '李**', phone: '139****6621' },
      createdAt: chinaTime('2026-11-16 13:40'),
    },
    dispatchUnit: CENTRE,
    handlerUnit: WATER,
    deadlines: [
      { step: '受理', limit: '1 工作时', dueAt: chinaTime('2026-11-16 14:40'), doneAt: chinaTime('2026-11-16 13:46'), overdueText: null },
      { step: '派遣', limit: '1 工作时', dueAt: chinaTime('2026-11-16 14:46'), doneAt: chinaTime('2026-11-16 13:55'), overdueText: null },
      { step: '签收', limit: '2 工作时', dueAt: chinaTime('2026-11-16 15:55'), doneAt: chinaTime('2026-11-16 15:00'), overdueText: null },
      { step: '处置', limit: '2 工作日', dueAt: chinaTime('2026-11-18 15:00'), doneAt: null, overdueText: '超时 2 工作日' },
    ],
    lateness: {
      step: '处置',
      dueAt: chinaTime('2026-11-18 15:00'),
      overdueText: '超时 2 工作日',
      remark: '承办单位以井盖规格特殊、需定制为由申请延期，已被驳回，至今未采取临时恢复措施',
    },
    timeline: [
      { at: chinaTime('2026-11-16 13:40'), actor: '王**', unit: '12345热线', action: '登记', note: '市民来电反映鲈乡南路人行道污水井盖缺失，仅用木板遮挡' },
      { at: chinaTime('2026-11-16 13:46'), actor: '陈晓', unit: CENTRE, action: '受理', note: '符合受理条件，按紧急件办理' },
      { at: chinaTime('2026-11-16 13:50'), actor: '陈晓', unit: CENTRE, action: '分类', note: '市政公用设施 / 污水井盖：井盖缺失、破损' },
      { at: chinaTime('2026-11-16 13:55'), actor: '陈晓', unit: CENTRE, action: '派遣', note: '派吴江区水务局处置，请立即设置警示标志并恢复井盖' },
      { at: chinaTime('2026-11-16 15:00'), actor: '沈建华', unit: WATER, action: '签收', note: '已签收，转排水管理所处置' },
      { at: chinaTime('2026-11-17 14:20'), actor: '沈建华', unit: WATER, action: '申请延期', note: '该井盖为非标规格，需定制，申请延期5个工作日' },
      { at: chinaTime('2026-11-17 16:05'), actor: '陈晓', unit: CENTRE, action: '驳回延期', note: '井盖缺失存在人身安全隐患，应先用临时井盖恢复，不予延期' },
    ],
    supervisions: [
      { level: 1, levelName: '电子催办', at: chinaTime('2026-11-18 15:00'), by: '系统', note: '处置时限到期，向吴江区水务局发出电子催办' },
      { level: 2, levelName: '人工交办', at: chinaTime('2026-11-18 16:30'), by: `${CENTRE}陈晓`, note: '电话交办水务局排水管理所，要求当日设置临时井盖' },
      { level: 3, levelName: '现场督办', at: chinaTime('2026-11-19 10:30'), by: '松陵街道网格化联动分中心会同网格员徐**', note: '现场查看，井口仍以木板遮挡，仅放置锥桶一个' },
      { level: 4, levelName: '短信督办', at: chinaTime('2026-11-19 16:00'), by: '系统', note: '向吴江区水务局分管负责人发送督办短信' },
    ],
    suggestions: [
      '责成吴江区水务局于24小时内恢复井盖，恢复前在井口设置围挡和警示灯，确保行人安全',
      '请吴江区水务局书面说明超期原因，并对全区同类井盖缺失隐患开展一次排查',
      '办理结果由区联动指挥中心跟踪核查，并在全区网格化联动工作通报中通报',
    ],
    request: '以上情况，妥否，请领导批示。',
  };
}
