/** 智能分拨's words in the order detail, zh-CN first; English has every key (Shape). */
import type { Shape } from '../locales-shape.ts';

export const smartDispatchZh = {
  title: '智能分拨建议',
  model: '模型 v{{version}}',
  noModel: '分拨模型尚未训练',
  empty: '暂无建议',
  confidence: '置信度',
  reasons: '依据',
  noCondition: '清单中暂无该单位的立案条件',
  apply: '采用',
  current: '当前承办',
  territorial: '属地',
  applyLabel: '采用建议：派往{{unit}}',
  applied: '已派往{{unit}}',
  note: '采用智能分拨建议（模型 v{{version}}，置信度 {{confidence}}%）',
  failed: '建议加载失败',
};

export const smartDispatchEn: Shape<typeof smartDispatchZh> = {
  title: 'Smart dispatch suggestions',
  model: 'model v{{version}}',
  noModel: 'The dispatch model is not trained yet',
  empty: 'No suggestions',
  confidence: 'Confidence',
  reasons: 'Why',
  noCondition: 'The catalogue has no case-opening condition of this unit yet',
  apply: 'Apply',
  current: 'Handling it now',
  territorial: 'Local (territorial)',
  applyLabel: 'Apply the suggestion: dispatch to {{unit}}',
  applied: 'Dispatched to {{unit}}',
  note: 'Smart-dispatch suggestion applied (model v{{version}}, confidence {{confidence}}%)',
  failed: 'The suggestions could not be loaded',
};
