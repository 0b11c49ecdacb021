/**
 * Small reference tables an intake needs on every request (channels, natures, state labels, division
 * and category names, command centres), held in memory and reloaded every `ttlMs` so that an
 * administrator's change reaches every server process within that time.
 */
import type { Queryable } from '@liandong/db';
import { loadClockPolicies, type ClockPolicy } from '../clock-timers.ts';

export interface Labelled {
  zh: string;
  en: string;
}

export interface IntakeReference {
  channels: Map<string, Labelled & { intakeLevel: 'district' | 'town' }>;
  natures: Map<string, Labelled>;
  states: Map<string, Labelled & { type: string }>;
  divisionNames: Map<string, string>;
  categories: Map<string, { name: string; nameEn: string | null }>;
  /** `town:<code>` or `district:<code>` → the centre that takes intake there. */
  centres: Map<string, { id: number; name: string }>;
  /** Active supervision/escalation policies of the accept step, for a new order's first clock timers. */
  acceptPolicies: ClockPolicy[];
}

async function load(q: Queryable): Promise<IntakeReference> {
  const [channels, natures, states, divisions, categories, centres, acceptPolicies] = await Promise.all([
    q.query<{ code: string; name_zh: string; name_en: string; intake_level: 'district' | 'town' }>('select code, name_zh, name_en, intake_level from channels where active'),
    q.query<{ code: string; name_zh: string; name_en: string }>('select code, name_zh, name_en from natures where active'),
    q.query<{ code: string; type: string; label_zh: string; label_en: string }>('select code, type, label_zh, label_en from order_states'),
    q.query<{ code: string; name: string }>(`select code, name from divisions where level in ('district', 'town', 'village')`),
    q.query<{ code: string; name: string; name_en: string | null }>('select code, name, name_en from categories'),
    q.query<{ id: number; name: string; kind: string; division_code: string }>(
      `select id, name, kind, division_code from units where kind in ('centre', 'sub_centre') and active order by id desc`,
    ),
    loadClockPolicies(q, ['accept']),
  ]);
  return {
    channels: new Map(channels.rows.map((c) => [c.code, { zh: c.name_zh, en: c.name_en, intakeLevel: c.intake_level }])),
    natures: new Map(natures.rows.map((n) => [n.code, { zh: n.name_zh, en: n.name_en }])),
    states: new Map(states.rows.map((s) => [s.code, { zh: s.label_zh, en: s.label_en, type: s.type }])),
    divisionNames: new Map(divisions.rows.map((d) => [d.code, d.name])),
    categories: new Map(categories.rows.map((c) => [c.code, { name: c.name, nameEn: c.name_en }])),
    centres: new Map(centres.rows.map((u) => [`${u.kind === 'centre' ? 'district' : 'town'}:${u.division_code}`, { id: u.id, name: u.name }])),
    acceptPolicies,
  };
}

export class ReferenceCache {
  private value: IntakeReference | null = null;
  private loadedAt = 0;
  private pending: Promise<IntakeReference> | null = null;

  constructor(private readonly ttlMs = 10_000) {}

  async get(q: Queryable): Promise<IntakeReference> {
    if (this.value && performance.now() - this.loadedAt < this.ttlMs) return this.value;
    this.pending ??= load(q)
      .then((v) => {
        this.value = v;
        this.loadedAt = performance.now();
        return v;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  invalidate(): void {
    this.value = null;
  }
}
