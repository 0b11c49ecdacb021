/**
 * 四眼原则 (four-eyes rule) of the knowledge base's review: the one who last wrote a pending version — created or
 * edited its content — may not publish it himself; another reviewer must. A deployment with a single reviewer may
 * allow self-review (setting `knowledge.review`, `{ selfReview: true }`; off by default), kept by administrators.
 */
import type { Db, Queryable } from '@liandong/db';
import type { KnowledgeSettingsView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { DomainError } from '../shared/errors.ts';

export const KNOWLEDGE_SETTINGS_KEY = 'knowledge.review';

export type KnowledgeSettings = KnowledgeSettingsView;
export const KNOWLEDGE_SETTINGS_DEFAULT: KnowledgeSettings = { selfReview: false };

export async function readKnowledgeSettings(q: Queryable): Promise<KnowledgeSettings> {
  const r = await q.query<{ value: Partial<KnowledgeSettings> }>('select value from settings where key = $1', [KNOWLEDGE_SETTINGS_KEY]);
  const v = r.rows[0]?.value ?? {};
  return { selfReview: v.selfReview === true };
}

/** The actor may publish a version last written by `writtenBy` (null: nobody known, e.g. seeded). */
export const mayPublishWritten = (actor: Actor, writtenBy: number | null, s: KnowledgeSettings): boolean => s.selfReview || writtenBy == null || writtenBy !== actor.userId;

export function assertMayPublishWritten(actor: Actor, writtenBy: number | null, s: KnowledgeSettings): void {
  if (mayPublishWritten(actor, writtenBy, s)) return;
  throw new DomainError(403, 'self_review', {
    zh: '四眼原则：待审核的版本由您本人编写，须由另一位审核人审核通过',
    en: 'Four-eyes rule: you wrote the pending version, so another reviewer must publish it',
  });
}

export async function knowledgeSettings(q: Queryable, actor: Actor): Promise<KnowledgeSettings> {
  assertMay(actor, 'knowledge.settings');
  return readKnowledgeSettings(q);
}

/** An administrator allows or forbids self-review. */
export async function setKnowledgeSettings(db: Db, actor: Actor, input: KnowledgeSettings): Promise<KnowledgeSettings> {
  assertMay(actor, 'knowledge.settings');
  const value: KnowledgeSettings = { selfReview: input.selfReview };
  await db.query(`insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value, updated_at = now()`, [
    KNOWLEDGE_SETTINGS_KEY,
    JSON.stringify(value),
  ]);
  return value;
}
