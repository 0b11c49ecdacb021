/**
 * Owners and conditions of the facility classes (majors 01–05): the management components (部件, A.1) and
 * the matching "component abnormal" matters (…异常, C.1) share names, so one table serves both.
 * Owners follow who maintains the object in the demo district; rules are tried in order, first match wins.
 * The demo organisation has no telecom operators or heating company, so their covers, poles and cabinets go
 * to the urban management bureau, which supervises all street furniture and covers (井盖) in Wujiang.
 */
import type { DemoConditionSpec, DemoOwner } from './demo-limits.ts';
import { cond, TERRITORIAL, uh, urgent, wd, wh } from './demo-limits.ts';

const OWNERS: [RegExp, DemoOwner][] = [
  [/^(供水井盖|水井|供水器|水鹤|水塔)/, { lead: 'WJ-GSGS' }],
  [/^(污水井盖|雨水井盖|雨水箅子|化粪池井盖|中水井盖)/, { lead: 'WJ-SWJ' }],
  [/^(电力|电缆|高压线铁塔|变压器|充电桩)/, { lead: 'WJ-GDGS' }],
  [/^(燃气|输油|露天燃气管道)/, { lead: 'WJ-RQGS', co: ['WJ-YJJ'] }],
  [/^(公安|监控电子眼|治安岗亭|紧急报警点|门（楼号）牌)/, { lead: 'WJ-GAJ' }],
  [/^(信号灯电源井盖|交通(标志|信号|岗亭|护栏|反视镜)|限高架|防撞桶|安全岛|人行横道桩|便道桩|柔性隔离体|道路信息显示屏|减速带|停车信息显示屏)/, { lead: 'WJ-JJ', co: ['WJ-JTJ'] }],
  [/^消防设施/, { lead: 'WJ-XFJ', co: ['WJ-GSGS'] }],
  [/^(防蚊闸|跨河管道|防汛|水域附属设施|水域护栏|排水泵站|雨污水排放口)/, { lead: 'WJ-SWJ' }],
  [/^(公交|出租车停靠站|过街天桥|地下通道|立交桥|跨河桥|栈桥|铁路桥涵|公路隧道|道路隔音屏|铁道口设施|水域标示牌|港监设施|轨道交通)/, { lead: 'WJ-JTJ', co: ['WJ-ZJJ'] }],
  [/^(停车场|立体车库|停车计费设备)/, { lead: 'WJ-JJ', co: ['WJ-CGJ'] }],
  [/^(路名牌|地名牌|救助站指示牌|旧衣物回收箱)/, { lead: 'WJ-MZJ' }],
  [/^(综合管廊|无障碍设施|公房地下室|沟槽盖板)/, { lead: 'WJ-ZJJ' }],
  [/^(应急避难指示牌|气象监测站)/, { lead: 'WJ-YJJ' }],
  [/^车辆加油/, { lead: 'WJ-YJJ', co: ['WJ-SJJ'] }],
  [/^(环保监测站|污水口监测站|污水监测器|噪声显示屏)/, { lead: 'WJ-HBJ' }],
  [/^(公用电梯|快递柜|自动售货机)/, { lead: 'WJ-SJJ' }],
  [/^林地/, { lead: 'WJ-NYJ' }],
  // Small neighbourhood objects the village looks after (属地).
  [/^(户外健身设施|晒衣架)/, { lead: TERRITORIAL, level: 'village' }],
  [/^(文物|景区标识牌|牌楼)/, { lead: TERRITORIAL, level: 'town' }],
];

const DEFAULT_OWNER: DemoOwner = { lead: 'WJ-CGJ' };

/** Objects whose failure can hurt someone at once: they get a second, urgent condition. */
const HAZARDOUS = /(立杆|路灯|铁塔|变压器|燃气|输油|信号灯|交通信号设施|护栏|天桥|地下通道|立交桥|跨河桥|栈桥|铁路桥涵|隧道|限高架|古树|行道树|独立树|高架挂箱|防汛墙|排水泵站|电力设施|充电桩|户外广告|牌匾标识|综合杆|旗杆|加油|配电箱)/;

/** The object a class is about: "供水井盖异常" → "供水井盖". */
export const facilityObject = (name: string): string => name.replace(/异常(SOS)?$/, '');

export function facilityOwner(name: string): DemoOwner {
  const object = facilityObject(name);
  return OWNERS.find(([re]) => re.test(object))?.[1] ?? DEFAULT_OWNER;
}

export function facilityConditions(name: string): DemoConditionSpec[] {
  const x = facilityObject(name);
  if (/井盖|雨水箅子|沟槽盖板/.test(x)) {
    // A missing cover can swallow a person: urgent, signed for within 2 h, made safe and fixed within 24 h.
    return [
      urgent(`${x}缺失、破损或移位，存在安全隐患`, uh(24), '现场设置警示；补齐或更换，恢复完好、平稳', { response: uh(2) }),
      cond(`${x}松动、异响或与路面高差超标`, wd(3), '调整或更换，平稳无异响'),
    ];
  }
  if (x === '公用电梯') {
    return [
      urgent('公用电梯困人或运行中异常', uh(2), '解救被困人员，停梯检修并恢复运行', { co: ['WJ-XFJ'] }),
      cond('公用电梯停运、故障或检验标志缺失', wd(5), '检修合格，恢复运行'),
    ];
  }
  if (/^(古树名木|行道树|独立树)$/.test(x)) {
    return [
      cond(`${x}缺株、枯死、倾斜或病虫害`, wd(5), '补植、扶正或防治到位'),
      urgent(`${x}倒伏、断枝，阻碍交通或危及安全`, uh(24), '清除倒伏树木、断枝，排除险情'),
    ];
  }
  if (/^(路灯|地灯|景观灯)$/.test(x)) {
    const lamps = [cond(`${x}不亮、缺损或白天常亮`, wd(3), '修复，亮灯正常')];
    if (x === '路灯') lamps.push(urgent('路灯杆倾斜、灯具脱落或漏电，危及安全', uh(24), '设置警示，排除险情并修复'));
    return lamps;
  }
  const conditions = [cond(`${x}缺失、破损、污损或功能异常`, wd(5), `${x}修复或更换，恢复正常使用`)];
  if (HAZARDOUS.test(x)) {
    conditions.push(urgent(`${x}倒伏、断裂、脱落或漏电，危及人身或交通安全`, uh(24), '现场设置警示、排除险情，并修复或更换'));
  }
  return conditions;
}

