/**
 * Who sees which article (知识库的可见范围). Operators and every reader see only what is offered: the published
 * version of an article valid today. Editors and reviewers also see the working copies they keep: the centre's
 * staff (shift leads) and administrators all of them, a handling unit those concerning one of its units.
 */
import type { Actor } from '../org/actor.ts';
import { hasRole } from '../org/actor.ts';
import { may } from '../org/permissions.rules.ts';

/** Today's date in China (YYYY-MM-DD): validity dates are China dates. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** SQL (alias `a` for kb_articles, `p` for its published version): offered to operators today; appends its parameter. */
export function offeredSql(now: Date, params: unknown[]): string {
  const d = `$${params.push(chinaDate(now))}::date`;
  return `(a.published_version is not null and (p.valid_from is null or p.valid_from <= ${d}) and (p.valid_to is null or p.valid_to >= ${d}))`;
}

/** Sees every working copy (drafts, pending, rejected). */
export const keepsAll = (actor: Actor): boolean => hasRole(actor, 'admin', 'shift_lead');

/** SQL (alias `a`): the actor keeps this article's working copy; appends its parameters. */
export function keptSql(actor: Actor, params: unknown[]): string {
  if (!may(actor, 'knowledge.edit') && !may(actor, 'knowledge.review')) return 'false';
  if (keepsAll(actor)) return 'true';
  return `exists (select 1 from kb_article_units au where au.article_id = a.id and au.unit_id = any($${params.push(actor.unitIds)}::int[]))`;
}

/** SQL: a file row `f` attached to an article offered today (for files.ts's read rule); appends its parameter. */
export function offeredArticleFileSql(actor: Actor, now: Date, params: unknown[]): string {
  if (!may(actor, 'knowledge.read')) return 'false';
  return `exists (select 1 from kb_article_files af join kb_articles a on a.id = af.article_id
    join kb_article_versions p on p.article_id = a.id and p.version = a.published_version
    where af.file_id = f.id and ${offeredSql(now, params)} and af.file_id = any(p.file_ids))`;
}
