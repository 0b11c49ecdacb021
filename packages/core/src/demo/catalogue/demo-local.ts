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
  // Commerce, culture and tourism: what Wujiang's 商务局 and 文体广电和旅游局 answer (the two bureaus the hotline's
  // 商贸旅游 and 教育文体 messages go to, ../shared/data/tipdm2020_class_to_units.csv).
  {
    code: '90009',
    name: '单用途预付卡纠纷',
    nameEn: 'Prepaid store card dispute',
    spec: {
      lead: 'WJ-SWUJ',
      co: ['WJ-SJJ'],
      conditions: [c('商家发行的单用途预付卡（美容美发、健身、教培以外的零售餐饮等）闭店、跑路或拒不退还余额', wd(10), '约谈经营者，督促退款或兑付，依法移交查处')],
    },
  },
  {
    code: '90010',
    name: '商业网点与促销经营',
    nameEn: 'Shop and market trade',
    spec: {
      lead: 'WJ-SWUJ',
      co: [T],
      conditions: [
        c('农贸市场、商业网点、再生资源回收站点布局与经营秩序问题', wd(5), '核实情况，规范经营，答复诉求人'),
        c('商场超市促销活动、二手车与报废机动车回收经营中的纠纷', wd(5), '调查核实，督促经营者整改，答复诉求人'),
      ],
    },
  },
  {
    code: '90011',
    name: '旅游服务投诉',
    nameEn: 'Tourism service complaint',
    spec: {
      lead: 'WJ-WTLJ',
      conditions: [c('旅行社、景区、导游服务质量问题，强制购物、擅自变更行程或景区票价纠纷', wd(10), '调查核实，依法处理，答复投诉人')],
    },
  },
  {
    code: '90012',
    name: '文化娱乐场所经营',
    nameEn: 'Entertainment and culture venues',
    spec: {
      lead: 'WJ-WTLJ',
      co: [T],
      conditions: [
        c('网吧、歌舞娱乐场所超时经营、接纳未成年人或噪声扰民', wd(3), '现场检查，责令整改，依法处罚'),
        c('公共文化体育场馆开放、全民健身设施损坏与管理问题', wd(5), '核实处理，恢复开放或修复设施'),
      ],
    },
  },
];
