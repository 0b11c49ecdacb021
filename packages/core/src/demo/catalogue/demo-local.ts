/**
 * Local event classes the demo stories need and the national list lacks: rural matters and the social
 * governance side of grid work (disputes, rented housing, work safety, wages). Codes 90xxx are this demo's
 * own (standard_ref 'local'); a deployment keeps or replaces them in its own catalogue file.
 */
import type { DemoMatterSpec } from './demo-limits.ts';
import { cond as c, TERRITORIAL as T, uh, urgent, wd } from './demo-limits.ts';

export const LOCAL_MAJOR = { code: '90', name: '本地事项', nameEn: 'Local matters' } as const;

export interface LocalCategory {
  code: string;
  name: string;
  nameEn: string;
  spec: DemoMatterSpec;
}

export const LOCAL_CATEGORIES: LocalCategory[] = [
  {
    code: '90001',
    name: '秸秆/农作物废弃物倾倒河岸',
    nameEn: 'Crop waste dumped on a river bank',
    spec: {
      lead: 'WJ-NYJ',
      co: ['WJ-SWJ'],
      conditions: [c('秸秆、蔬菜残体等农作物废弃物倾倒、堆放在河岸或河道内', wd(3), '清运干净，河岸整洁，告知教育责任人')],
    },
  },
  {
    code: '90002',
    name: '邻里纠纷',
    nameEn: 'Neighbourhood dispute',
    spec: {
      lead: T,
      level: 'village',
      conditions: [c('邻里之间因相邻关系、噪声、漏水、占道等产生的纠纷', wd(5), '调解到位，双方认可')],
    },
  },
  {
    code: '90003',
    name: '村庄环境脏乱',
    nameEn: 'Untidy village environment',
    spec: {
      lead: T,
      co: ['WJ-CGJ'],
      level: 'village',
      conditions: [c('村庄公共区域垃圾、杂物、乱搭乱堆影响人居环境', wd(3), '整治到位，环境整洁')],
    },
  },
  {
    code: '90004',
    name: '出租房屋安全隐患',
    nameEn: 'Safety hazard in rented housing',
    spec: {
      lead: T,
      co: ['WJ-GAJ', 'WJ-XFJ'],
      level: 'town',
      conditions: [c('出租房屋群租、违规住人，存在消防安全隐患', wd(5), '整改到位，隐患消除')],
    },
  },
  {
    code: '90005',
    name: '企业安全生产隐患',
    nameEn: 'Work-safety hazard at an enterprise',
    spec: {
      lead: 'WJ-YJJ',
      co: [T],
      conditions: [
        c('企业存在安全生产隐患（违规动火、危化品存放、私拉电线等）', wd(3), '隐患整改闭环'),
        urgent('企业存在重大事故隐患或正在发生险情', uh(8), '责令停产停业，消除险情', { co: [T, 'WJ-XFJ'] }),
      ],
    },
  },
  {
    code: '90006',
    name: '拖欠工资',
    nameEn: 'Unpaid wages',
    spec: {
      lead: 'WJ-RSJ',
      co: [T],
      conditions: [c('用人单位拖欠、克扣劳动者工资', wd(13), '督促足额支付或依法立案查处')],
    },
  },
  {
    code: '90007',
    name: '电动自行车违规停放充电',
    nameEn: 'E-bikes parked or charged in corridors',
    spec: {
      lead: T,
      co: ['WJ-XFJ'],
      level: 'grid',
      conditions: [c('楼道、门厅等公共区域停放电动自行车或飞线充电', wd(1), '劝导移出，消除隐患')],
    },
  },
  {
    code: '90008',
    name: '困难群众帮扶',
    nameEn: 'Help for people in difficulty',
    spec: {
      lead: T,
      co: ['WJ-MZJ'],
      level: 'village',
      conditions: [c('独居、高龄、残疾等困难群众需要上门帮扶', wd(3), '上门走访，落实帮扶措施')],
    },
  },
];
