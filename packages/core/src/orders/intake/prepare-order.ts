/**
 * Everything about a new order that can be decided before touching a transaction: who may report
 * through which channel, where the point lies (GCJ-02 converted), which centre takes it, its
 * classification and its accept clock. Bad input fails here, naming the field, with nothing written.
 */
import type { Queryable } from '@liandong/db';
import type { CreateOrderInput } from '@liandong/contracts';
import { forbidden, unprocessable } from '../../shared/errors.ts';
import { hasRole, type Actor } from '../../org/actor.ts';
import { isServed, toWgs84, type TerritoryMatch } from '../../territory/index.ts';
import { resolveAttachments } from '../attachments.ts';
import { resolveClassification, type Classification } from '../classification.ts';
import { DEFAULT_STEP_LIMITS, type StepLimit } from '../deadlines.ts';
import type { Level } from '../order.types.ts';
import type { OrderServices } from '../order-services.ts';
import type { IntakeReference } from './reference-cache.ts';
import { yellowMoment } from '../step-clock.rules.ts';
import { planClockTimers, type ClockTimer } from '../clock-timers.ts';

const CITIZEN_CHANNELS = new Set(['web', 'app', 'wechat']);
const REPORTERS = ['operator', 'dispatcher', 'shift_lead', 'grid_worker', 'grid_leader', 'citizen', 'integration', 'admin', 'leader'] as const;
/** The roles that register on other channels too; a leader alone registers what he assigns (领导交办). */
const DESK_REPORTERS = REPORTERS.filter((r) => r !== 'leader' && r !== 'citizen');

export interface PreparedOrder {
  input: CreateOrderInput;
  now: Date;
  lng: number;
  lat: number;
  match: TerritoryMatch;
  classification: Classification | null;
  level: Level;
  centre: { id: number; name: string };
  acceptLimit: StepLimit;
  acceptDueAt: Date;
  acceptYellowAt: Date;
  /** The accept step's clock timers; their keys name the order as `{id}` until it has one. */
  clockTimers: ClockTimer[];
  actorUserId: number | null;
  actorUnitId: number | null;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
  /** Row ids of the attached files (the input names them by public id). */
  attachmentFileIds: number[];
  /** When the reporter made it on his device, if it arrived later (made-at.rules.ts). */
  madeAt?: Date | null;
}

export async function prepareOrder(
  q: Queryable,
  actor: Actor,
  input: CreateOrderInput,
  idem: { scope: string; key: string; hash: string },
  ref: IntakeReference,
  services: OrderServices,
): Promise<PreparedOrder> {
  if (!hasRole(actor, ...REPORTERS)) throw forbidden('您的角色不能登记工单', 'Your role may not register work orders');
  const channel = ref.channels.get(input.channel);
  if (!channel) throw unprocessable('channel', `来源渠道 ${input.channel} 不存在`, `Unknown channel ${input.channel}`);
  if (!ref.natures.has(input.nature)) throw unprocessable('nature', `诉求类型 ${input.nature} 不存在`, `Unknown request nature ${input.nature}`);
  if (hasRole(actor, 'leader') && !hasRole(actor, ...DESK_REPORTERS) && input.channel !== 'leader') {
    throw unprocessable('channel', '领导登记的工单为领导交办（leader）渠道', "A leader registers orders on the leader-assigned channel ('leader')");
  }
  if (hasRole(actor, 'citizen') && actor.roles.size === 1 && !CITIZEN_CHANNELS.has(input.channel)) {
    throw unprocessable('channel', '群众只能通过网站、APP 或微信上报', 'Citizens report through the web, the app or WeChat');
  }
  const [lng, lat] = toWgs84(input.location.lng, input.location.lat, input.location.crs ?? 'wgs84');
  const match = await services.territory.lookup(lng, lat);
  if (!isServed(match)) {
    throw unprocessable('location', '位置不在本辖区的网格内', 'The location is not inside any grid of this territory');
  }
  const centre = channel.intakeLevel === 'town' ? ref.centres.get(`town:${match.townCode}`) : ref.centres.get(`district:${match.districtCode}`);
  if (!centre) throw unprocessable('location', '该地区没有配置指挥中心', 'No command centre is configured for this area');
  // A report is never refused for an unclear condition: it keeps its category and the dispatcher chooses.
  const classification = input.categoryCode ? await resolveClassification(q, input.categoryCode, input.conditionCode, input.description, false) : null;
  const now = services.clock();
  const attachmentFileIds = await resolveAttachments(q, actor, input.attachments ?? [], now);
  const acceptLimit = DEFAULT_STEP_LIMITS.accept;
  const calendar = await services.calendar(q);
  const acceptDueAt = calendar.addDuration(now, acceptLimit.value, acceptLimit.unit);
  const accept = { step: 'accept' as const, startedAt: now, dueAt: acceptDueAt, limitValue: acceptLimit.value, limitUnit: acceptLimit.unit };
  const acceptYellowAt = yellowMoment(accept, calendar);
  const clockTimers = planClockTimers('{id}', { category_code: classification?.categoryCode ?? null, urgency: classification?.urgency ?? 'normal' }, [accept], ref.acceptPolicies, now, calendar);
  return {
    input,
    now,
    clockTimers,
    lng,
    lat,
    match,
    classification,
    level: input.channel === 'grid_patrol' ? 'grid' : channel.intakeLevel === 'town' ? 'town' : 'district',
    centre,
    acceptLimit,
    acceptDueAt,
    acceptYellowAt,
    actorUserId: actor.userId || null, // the platform itself (no user) registers as nobody
    actorUnitId: actor.unitId,
    idempotencyScope: idem.scope,
    idempotencyKey: idem.key,
    requestHash: idem.hash,
    attachmentFileIds,
  };
}
