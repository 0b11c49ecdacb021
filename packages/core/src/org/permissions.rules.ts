/**
 * Who may do what beyond the order actions (those are `ACTION_RULES` in orders/lifecycle.rules.ts): one
 * table, read by every use case that gates on a role and by /me (so the UI offers only what is allowed).
 */
import type { Permission, Role } from '@liandong/contracts';
import { PERMISSIONS } from '@liandong/contracts';
import { DomainError, type Messages } from '../shared/errors.ts';
import type { Actor } from './actor.ts';

interface Grant {
  roles: readonly Role[];
  /** Why someone else is refused. */
  refusal: Messages;
}

export const PERMISSION_GRANTS: Record<Permission, Grant> = {
  'reporters.identity': {
    roles: ['operator'],
    refusal: { zh: '只有可查看完整号码的话务员可按来电号码查询', en: 'Only operators, who see full numbers, may search by phone number' },
  },
  'orders.intake': {
    roles: ['operator', 'dispatcher', 'shift_lead'],
    refusal: { zh: '只有话务员、分拨员或值班长可以受理来电', en: 'Only operators, dispatchers or shift leads take calls at the desk' },
  },
  'orders.supervise': {
    roles: ['supervisor', 'shift_lead', 'leader'],
    refusal: { zh: '只有督办员、值班长或领导可以督办', en: 'Only supervisors, shift leads or leaders may supervise' },
  },
  'supervision.board': {
    roles: ['supervisor', 'shift_lead', 'leader', 'dispatcher', 'admin'],
    refusal: { zh: '督办看板仅限督办员、值班长、分拨员和领导', en: 'The supervision board is for supervisors, shift leads, dispatchers and leaders' },
  },
  'supervision.instruct': { roles: ['leader'], refusal: { zh: '只有领导可以批示', en: 'Only leaders may give instructions' } },
  'supervision.policies': { roles: ['admin'], refusal: { zh: '仅管理员可修改督办策略', en: 'Only administrators may change policies' } },
  'messages.log': { roles: ['admin', 'supervisor'], refusal: { zh: '仅管理员和督办员可以查看消息记录', en: 'Only administrators and supervisors may read the message log' } },
  'notifications.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以管理通知设置', en: 'Only administrators may manage notification settings' } },
  'audit.read': { roles: ['admin'], refusal: { zh: '仅管理员可以查看审计日志', en: 'Only administrators may read the audit trail' } },
  'tokens.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以管理接口令牌', en: 'Only administrators may manage API tokens' } },
  'territory.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以导入和修改网格', en: 'Only administrators may import or change grids' } },
  'catalogue.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以修改事件部件清单', en: 'Only administrators may change the catalogue' } },
  'org.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以管理组织机构和用户', en: 'Only administrators may manage units and users' } },
  'calendar.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以修改工作日历', en: 'Only administrators may change the working calendar' } },
  'patrol.record': { roles: ['grid_worker', 'grid_leader'], refusal: { zh: '仅网格员可以上传巡查轨迹', en: 'Only grid workers may send patrol tracks' } },
  'patrol.coverage': {
    roles: ['grid_worker', 'grid_leader', 'supervisor', 'leader', 'dispatcher', 'shift_lead', 'admin'],
    refusal: { zh: '无权查看巡查覆盖率', en: 'You may not see patrol coverage' },
  },
  'devices.manage': { roles: ['admin'], refusal: { zh: '仅管理员可以管理设备和事件类型', en: 'Only administrators may manage devices and event types' } },
  'assessment.view': {
    roles: ['leader', 'supervisor', 'shift_lead', 'handler'],
    refusal: { zh: '考核结果仅限领导、督办员、值班长和承办单位查看', en: 'Assessment is for leaders, supervisors, shift leads and handling units' },
  },
  'warnings.view': {
    roles: ['leader', 'supervisor', 'shift_lead', 'dispatcher', 'handler', 'admin'],
    refusal: { zh: '预警仅限领导、督办员、值班长、分拨员和承办单位查看', en: 'Warnings are for leaders, supervisors, shift leads, dispatchers and handling units' },
  },
  'warnings.handle': {
    roles: ['leader', 'supervisor', 'shift_lead', 'handler', 'admin'],
    refusal: { zh: '只有领导、督办员、值班长或承办单位可以确认和解除预警', en: 'Only leaders, supervisors, shift leads or handling units may acknowledge or resolve warnings' },
  },
  'warnings.rules': { roles: ['admin'], refusal: { zh: '仅管理员可以修改预警规则', en: 'Only administrators may change warning rules' } },
  'statistics.view': {
    roles: ['leader', 'supervisor', 'shift_lead', 'handler'],
    refusal: { zh: '统计分析仅限领导、督办员、值班长和承办单位查看', en: 'Statistics are for leaders, supervisors, shift leads and handling units' },
  },
  'statistics.check': { roles: ['admin'], refusal: { zh: '仅管理员可以核对和重建统计汇总', en: 'Only administrators may check or rebuild the statistics rollups' } },
  'knowledge.read': {
    roles: ['operator', 'dispatcher', 'shift_lead', 'handler', 'supervisor', 'leader', 'admin'],
    refusal: { zh: '知识库仅限中心工作人员、承办单位和领导查看', en: 'The knowledge base is for the centre’s staff, handling units and leaders' },
  },
  'knowledge.edit': {
    roles: ['shift_lead', 'handler', 'admin'],
    refusal: { zh: '只有值班长、承办单位或管理员可以编写知识', en: 'Only shift leads, handling units or administrators may write articles' },
  },
  'knowledge.review': {
    roles: ['shift_lead', 'admin'],
    refusal: { zh: '只有值班长或管理员可以审核知识', en: 'Only shift leads or administrators may review articles' },
  },
  'knowledge.synonyms': { roles: ['admin'], refusal: { zh: '仅管理员可以维护同义词', en: 'Only administrators may keep the synonyms' } },
  'knowledge.settings': { roles: ['admin'], refusal: { zh: '仅管理员可以修改知识库设置', en: 'Only administrators may change the knowledge base’s settings' } },
  'reports.view': {
    roles: ['leader', 'supervisor', 'shift_lead', 'admin'],
    refusal: { zh: '研判报告仅限领导、督办员和值班长查看', en: 'Analysis reports are for leaders, supervisors and shift leads' },
  },
  'reports.generate': {
    roles: ['leader', 'shift_lead', 'admin'],
    refusal: { zh: '只有领导或值班长可以生成研判报告', en: 'Only leaders or shift leads may generate analysis reports' },
  },
  'dispatch.suggest': {
    roles: ['operator', 'dispatcher', 'shift_lead'],
    refusal: { zh: '只有话务员、分拨员或值班长可以查看智能分拨建议', en: 'Only operators, dispatchers or shift leads see smart-dispatch suggestions' },
  },
  'dispatch.models': { roles: ['admin'], refusal: { zh: '仅管理员可以查看和训练分拨模型', en: 'Only administrators may see or train the dispatch model' } },
  'events.review': {
    roles: ['operator', 'dispatcher', 'shift_lead'],
    refusal: { zh: '只有话务员、分拨员或值班长可以审核设备识别事件', en: 'Only operators, dispatchers or shift leads review device detections' },
  },
};

export function may(actor: Pick<Actor, 'roles'>, p: Permission): boolean {
  return PERMISSION_GRANTS[p].roles.some((r) => actor.roles.has(r));
}

/** Throws 403 with the permission's own reason when the actor may not; `field` names the input that asked for it. */
export function assertMay(actor: Pick<Actor, 'roles'>, p: Permission, field?: string): void {
  if (!may(actor, p)) throw new DomainError(403, 'forbidden', PERMISSION_GRANTS[p].refusal, field);
}

export function permissionsOf(actor: Pick<Actor, 'roles'>): Permission[] {
  return PERMISSIONS.filter((p) => may(actor, p));
}
