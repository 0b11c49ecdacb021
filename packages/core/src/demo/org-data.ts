/**
 * The demo district's organisation: Wujiang's command centre, one sub-centre per town-level unit,
 * district departments and the public utilities the centre dispatches to. Names follow Wujiang's
 * real bodies; codes are this project's own.
 */
export const DISTRICT_CODE = '320509000000';
export const CITY_CODE = '320500000000';
export const PROVINCE_CODE = '320000000000';

export const CENTRE = { code: 'WJ-ZX', name: '吴江区社会综合治理网格化联动指挥中心', nameEn: 'Wujiang Linkage Command Centre' };

export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  /** Short handle used for demo usernames. */
  slug: string;
}

export const DEPARTMENTS: DemoDepartment[] = [
  { code: 'WJ-CGJ', slug: 'cgj', name: '吴江区城市管理局（综合行政执法局）', nameEn: 'Urban Management and Law Enforcement Bureau' },
  { code: 'WJ-ZJJ', slug: 'zjj', name: '吴江区住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau' },
  { code: 'WJ-SWJ', slug: 'swj', name: '吴江区水务局', nameEn: 'Water Affairs Bureau' },
  { code: 'WJ-JTJ', slug: 'jtj', name: '吴江区交通运输局', nameEn: 'Transport Bureau' },
  { code: 'WJ-HBJ', slug: 'hbj', name: '苏州市吴江生态环境局', nameEn: 'Ecology and Environment Bureau' },
  { code: 'WJ-SJJ', slug: 'sjj', name: '吴江区市场监督管理局', nameEn: 'Market Regulation Bureau' },
  { code: 'WJ-YJJ', slug: 'yjj', name: '吴江区应急管理局', nameEn: 'Emergency Management Bureau' },
  { code: 'WJ-GAJ', slug: 'gaj', name: '苏州市公安局吴江分局', nameEn: 'Public Security Sub-bureau' },
  { code: 'WJ-JJ', slug: 'jj', name: '吴江分局交通警察大队', nameEn: 'Traffic Police Brigade' },
  { code: 'WJ-ZRJ', slug: 'zrj', name: '苏州市自然资源和规划局吴江分局', nameEn: 'Natural Resources and Planning Sub-bureau' },
  { code: 'WJ-NYJ', slug: 'nyj', name: '吴江区农业农村局', nameEn: 'Agriculture and Rural Affairs Bureau' },
  { code: 'WJ-WJW', slug: 'wjw', name: '吴江区卫生健康委员会', nameEn: 'Health Commission' },
  { code: 'WJ-RSJ', slug: 'rsj', name: '吴江区人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: 'WJ-MZJ', slug: 'mzj', name: '吴江区民政局', nameEn: 'Civil Affairs Bureau' },
  { code: 'WJ-JYJ', slug: 'jyj', name: '吴江区教育局', nameEn: 'Education Bureau' },
  { code: 'WJ-XFJ', slug: 'xfj', name: '吴江区消防救援大队', nameEn: 'Fire and Rescue Brigade' },
  { code: 'WJ-GDGS', slug: 'gdgs', name: '国网苏州市吴江区供电公司', nameEn: 'State Grid Wujiang Power Supply' },
  { code: 'WJ-GSGS', slug: 'gsgs', name: '吴江华衍水务有限公司', nameEn: 'Wujiang Water Supply Company' },
  { code: 'WJ-RQGS', slug: 'rqgs', name: '吴江港华燃气有限公司', nameEn: 'Wujiang Gas Company' },
  // The bureaus citizens' messages about shops, prepaid cards, culture and tourism go to
  // (../shared/data/tipdm2020_class_to_units.csv: 商贸旅游, 教育文体).
  { code: 'WJ-SWUJ', slug: 'swuj', name: '吴江区商务局', nameEn: 'Commerce Bureau' },
  { code: 'WJ-WTLJ', slug: 'wtlj', name: '吴江区文体广电和旅游局', nameEn: 'Culture, Sports, Radio, Television and Tourism Bureau' },
];

/** Town-level units (9-digit NBS code) with a pinyin slug for usernames and an approximate centre (GCJ-02). */
export const TOWNS: { code: string; slug: string; center: [number, number] }[] = [
  { code: '320509001', slug: 'songling', center: [120.646, 31.163] },
  { code: '320509002', slug: 'hengshan', center: [120.565, 31.082] },
  { code: '320509003', slug: 'bachai', center: [120.665, 31.082] },
  { code: '320509004', slug: 'jiangling', center: [120.668, 31.128] },
  { code: '320509104', slug: 'pingwang', center: [120.637, 30.973] },
  { code: '320509105', slug: 'shengze', center: [120.651, 30.907] },
  { code: '320509107', slug: 'qidu', center: [120.403, 30.960] },
  { code: '320509108', slug: 'zhenze', center: [120.498, 30.917] },
  { code: '320509109', slug: 'taoyuan', center: [120.576, 30.824] },
  { code: '320509110', slug: 'lili', center: [120.765, 30.988] },
  { code: '320509111', slug: 'tongli', center: [120.728, 31.158] },
  { code: '320509400', slug: 'kaifaqu', center: [120.692, 31.190] },
  { code: '320509401', slug: 'sichou', center: [120.662, 30.885] },
  { code: '320509402', slug: 'dongtaihu', center: [120.585, 31.160] },
];

/** Pads a short NBS code (6, 9 or 12 digits) to the national 12-digit form. */
export function toDivisionCode(short: string): string {
  return short.padEnd(12, '0');
}
