/**
 * Places and people for the demo texts: addresses built from the grid's village (村/社区) name, residential
 * compounds, reporters as a 12345 record names them (王先生 / 李女士) and mobile numbers (1xx + 8 digits).
 * All invented; any resemblance to a real person or number is chance.
 */
import type { HistoryGrid } from './history-context.ts';
import { chance, pick, streamFor, type Rng } from './rng.ts';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const ROAD_SUFFIX = ['路', '路', '街', '大道', '巷', '弄'];
const ESTATE_SUFFIX = ['花园', '新村', '家园', '小区', '苑', '公寓'];
const SPOTS = ['菜市场门口', '公交站旁', '小学附近', '桥头', '超市门口', '村口', '河边', '停车场', '广场', '健身步道旁'];
/** Mobile prefixes in use in China (the third digit follows). */
const MOBILE = ['13', '15', '17', '18', '19', '16'];

/** "青云社区" → "青云", "联民村" → "联民": the stem that local road and estate names are made from. */
export function placeStem(villageName: string): string {
  const stem = villageName.replace(/(社区|村|街道|镇)$/, '');
  return stem.length >= 2 ? stem : villageName;
}

export interface Place {
  /** Full address for orders.address: 松陵街道青云社区青云路128号. */
  address: string;
  /** How a caller names the spot in a description: 青云路128号附近. */
  spot: string;
  /** A residential compound with a building: 青云花园12幢. */
  estate: string;
  village: string;
  grid: string;
}

export function placeIn(rng: Rng, g: HistoryGrid): Place {
  const stem = placeStem(g.villageName);
  const road = `${stem}${pick(rng, ROAD_SUFFIX)}`;
  const no = 1 + Math.floor(rng() * 300);
  const estateName = `${stem}${pick(rng, ESTATE_SUFFIX)}`;
  const building = 1 + Math.floor(rng() * 40);
  const spot = chance(rng, 0.7) ? `${road}${no}号附近` : `${g.villageName}${pick(rng, SPOTS)}`;
  return {
    address: `${g.townName}${g.villageName}${road}${no}号`,
    spot,
    estate: `${estateName}${building}幢`,
    village: g.villageName,
    grid: g.name,
  };
}

export function mobileNumber(rng: Rng): string {
  let n = pick(rng, MOBILE) + String(Math.floor(rng() * 10));
  for (let i = 0; i < 8; i++) n += String(Math.floor(rng() * 10));
  return n;
}

export function personName(rng: Rng): string {
  return `${pick(rng, SURNAMES)}${chance(rng, 0.55) ? '先生' : '女士'}`;
}

/** Callers who call again and again: one pool per seed, shared by every day, so caller history shows repeats. */
export function frequentCallers(seed: number, size = 300): { name: string; phone: string }[] {
  const rng = streamFor(seed, 0xca11);
  return Array.from({ length: size }, () => ({ name: personName(rng), phone: mobileNumber(rng) }));
}
