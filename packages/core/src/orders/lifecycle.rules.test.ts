/**
 * Every allowed and every forbidden transition of the work-order state machine, stated here from
 * SPEC §4 independently of the rule table, and checked against it.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, STATE_CODES, type ActionName, type OrderLevel, type StateCode } from '@liandong/contracts';
import { ROLES, type Role } from '../org/roles.ts';
import { checkAction, isAllowedTarget, nextLevel, orderCondition, type Responsibility } from './lifecycle.rules.ts';

const LIVE: StateCode[] = ['pending_accept', 'pending_verify', 'pending_dispatch', 'pending_sign', 'handling', 'pending_check', 'pending_callback', 'pending_close', 'suspended'];

/** action → [states it may start from, states it may lead to ('same' = unchanged), roles allowed]. */
const SPEC: Record<ActionName, [StateCode[], StateCode[] | 'same', Role[]]> = {
  accept: [['pending_accept'], ['pending_dispatch'], ['dispatcher', 'shift_lead', 'operator']],
  reject: [['pending_accept'], ['rejected'], ['dispatcher', 'shift_lead']],
  answer: [['pending_accept', 'pending_dispatch'], ['closed'], ['dispatcher', 'shift_lead', 'operator']],
  'send-to-verify': [['pending_accept'], ['pending_verify'], ['dispatcher', 'shift_lead', 'operator']],
  verify: [['pending_verify'], ['pending_accept', 'rejected'], ['grid_worker', 'grid_leader']],
  classify: [['pending_accept', 'pending_dispatch'], 'same', ['dispatcher', 'shift_lead']],
  dispatch: [['pending_dispatch'], ['pending_sign', 'pending_dispatch'], ['dispatcher', 'shift_lead']],
  redispatch: [['pending_sign', 'handling'], ['pending_sign', 'pending_dispatch'], ['dispatcher', 'shift_lead']],
  'add-co-handler': [['pending_sign', 'handling'], 'same', ['dispatcher', 'shift_lead', 'handler']],
  sign: [['pending_sign'], ['handling'], ['handler']],
  'co-sign': [['pending_sign', 'handling'], 'same', ['handler']],
  'co-feedback': [['pending_sign', 'handling'], 'same', ['handler']],
  return: [['pending_sign', 'handling'], ['pending_dispatch'], ['handler']],
  'request-extension': [['handling'], 'same', ['handler']],
  'approve-extension': [['handling'], 'same', ['shift_lead']],
  'deny-extension': [['handling'], 'same', ['shift_lead']],
  'request-suspension': [['pending_dispatch', 'pending_sign', 'handling'], 'same', ['handler', 'dispatcher']],
  suspend: [['pending_dispatch', 'pending_sign', 'handling'], ['suspended'], ['shift_lead']],
  'deny-suspension': [['pending_dispatch', 'pending_sign', 'handling'], 'same', ['shift_lead']],
  resume: [['suspended'], ['pending_dispatch', 'pending_sign', 'handling'], ['shift_lead']],
  'request-void': [LIVE, 'same', ['dispatcher', 'operator', 'handler']],
  void: [LIVE, ['voided'], ['shift_lead']],
  'deny-void': [LIVE, 'same', ['shift_lead']],
  // The union over the levels; each level's own rule is checked below.
  escalate: [['pending_dispatch', 'pending_sign', 'handling'], ['pending_dispatch', 'pending_sign'], ['grid_worker', 'grid_leader', 'dispatcher', 'shift_lead', 'handler']],
  'self-handle': [['pending_accept', 'pending_dispatch'], ['closed'], ['grid_worker', 'grid_leader']],
  feedback: [['handling'], ['pending_check', 'pending_callback', 'pending_close'], ['handler']],
  check: [['pending_check'], ['pending_callback', 'pending_close', 'handling'], ['grid_worker', 'grid_leader', 'dispatcher']],
  callback: [['pending_callback'], ['pending_close', 'pending_sign'], ['operator', 'dispatcher']],
  reopen: [['pending_close'], ['pending_sign'], ['dispatcher', 'shift_lead']],
  close: [['pending_close'], ['closed'], ['dispatcher', 'shift_lead']],
  'force-close': [LIVE, ['closed'], ['shift_lead']],
  merge: [['pending_accept', 'pending_dispatch', 'pending_sign', 'handling'], 'same', ['dispatcher', 'shift_lead']],
};

const ALL_HOLDS = new Set<Responsibility>(['dispatch_unit', 'handler_unit', 'co_unit', 'grid']);
const everyone = (roles: Role[]) => ({ roles: new Set(roles), holds: ALL_HOLDS });
/** Where an order stands; at the district level escalation's rule is the table's union (the order condition refuses it). */
const at = (state: StateCode, level: OrderLevel = 'district') => ({ state, level });

describe('state machine', () => {
  it('covers every action of the API', () => {
    expect(Object.keys(SPEC).sort()).toEqual([...ACTION_NAMES].sort());
  });

  const cells = ACTION_NAMES.flatMap((action) => STATE_CODES.map((state) => [action, state] as const));
  it.each(cells)('%s from %s is allowed exactly when the spec says so', (action, state) => {
    const [from, , roles] = SPEC[action];
    const verdict = checkAction(action, at(state), everyone(roles));
    expect(verdict.ok).toBe(from.includes(state));
    if (!verdict.ok) expect(verdict.reason).toBe('state');
  });

  it.each(ACTION_NAMES)('%s leads only to the states the spec names', (action) => {
    const [from, to] = SPEC[action];
    for (const f of from) {
      for (const t of STATE_CODES) {
        const expected = to === 'same' ? t === f : to.includes(t);
        expect(isAllowedTarget(action, f, t), `${action}: ${f} → ${t}`).toBe(expected);
      }
    }
  });

  it.each(ACTION_NAMES)('%s is refused to every other role', (action) => {
    const [from, , roles] = SPEC[action];
    for (const role of ROLES) {
      const verdict = checkAction(action, at(from[0]!), everyone([role]));
      if (roles.includes(role)) expect(verdict.ok, `${action} by ${role}`).toBe(true);
      else expect(verdict, `${action} by ${role}`).toEqual({ ok: false, reason: 'role' });
    }
  });

  it('final states allow nothing', () => {
    for (const state of ['closed', 'rejected', 'merged', 'voided'] as StateCode[]) {
      for (const action of ACTION_NAMES) {
        expect(checkAction(action, at(state), everyone([...ROLES])).ok, `${action} on ${state}`).toBe(false);
      }
    }
  });

  it('refuses an actor with the right role but no responsibility for the order', () => {
    expect(checkAction('sign', at('pending_sign'), { roles: new Set(['handler']), holds: new Set(['dispatch_unit']) })).toEqual({ ok: false, reason: 'responsibility' });
    expect(checkAction('dispatch', at('pending_dispatch'), { roles: new Set(['dispatcher']), holds: new Set(['handler_unit', 'grid']) })).toEqual({ ok: false, reason: 'responsibility' });
    expect(checkAction('self-handle', at('pending_accept'), { roles: new Set(['grid_worker']), holds: new Set() })).toEqual({ ok: false, reason: 'responsibility' });
    expect(checkAction('check', at('pending_check'), { roles: new Set(['grid_worker']), holds: new Set(['grid']) })).toEqual({ ok: true });
  });

  it('pushes up from the grid to the village, the village to the town, the town to the district, and no further', () => {
    expect(nextLevel('grid')).toBe('village');
    expect(nextLevel('village')).toBe('town');
    expect(nextLevel('town')).toBe('district');
    expect(nextLevel('district')).toBeNull();
  });
});

describe('escalation (上推): one level up, decided at the level the order is at', () => {
  /** level → [states it may start from, roles, the responsibility the actor must hold]. */
  const UP: Record<Exclude<OrderLevel, 'district'>, [StateCode[], Role[], Responsibility]> = {
    grid: [['pending_dispatch'], ['grid_worker', 'grid_leader'], 'grid'], // after the town accepted the report
    village: [['pending_sign', 'handling'], ['handler'], 'handler_unit'], // the village station
    town: [['pending_dispatch'], ['dispatcher', 'shift_lead'], 'dispatch_unit'], // the town sub-centre
  };
  const HOLDS: Responsibility[] = ['grid', 'handler_unit', 'dispatch_unit'];
  it.each(Object.keys(UP) as (keyof typeof UP)[])('at the %s level: exactly its states, roles and responsibility', (level) => {
    const [from, roles, by] = UP[level];
    for (const state of STATE_CODES) {
      for (const role of ROLES) {
        for (const hold of HOLDS) {
          const ok = checkAction('escalate', at(state, level), { roles: new Set([role]), holds: new Set([hold]) }).ok;
          expect(ok, `${level}: ${role} holding ${hold} from ${state}`).toBe(from.includes(state) && roles.includes(role) && hold === by);
        }
      }
    }
  });

  it('a village grid leader cannot push a town order to the district, nor a grid worker a report the town has not accepted', () => {
    const gridLeader = { roles: new Set<Role>(['grid_leader']), holds: new Set<Responsibility>(['grid']) };
    expect(checkAction('escalate', at('pending_dispatch', 'town'), gridLeader)).toEqual({ ok: false, reason: 'role' });
    const worker = { roles: new Set<Role>(['grid_worker']), holds: new Set<Responsibility>(['grid']) };
    expect(checkAction('escalate', at('pending_accept', 'grid'), worker)).toEqual({ ok: false, reason: 'state' });
    expect(checkAction('escalate', at('pending_dispatch', 'grid'), worker)).toEqual({ ok: true });
  });
});

describe('direct close (直接办结)', () => {
  const facts = (nature: string) => ({ state: 'pending_accept' as const, pendingRequest: null, satisfaction: null, level: 'district' as const, nature });
  it('is open to a consultation only: anything else goes to a department', () => {
    expect(orderCondition('answer', facts('consultation'))).toBeNull();
    for (const nature of ['complaint', 'help', 'report', 'suggestion', 'praise']) expect(orderCondition('answer', facts(nature))?.code).toBe('wrong_state');
  });
});
