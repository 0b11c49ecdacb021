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

/**
 * SQL: a file row `f` an article lets the actor read (for files.ts's read rule): one its published version names
 * while it is offered today (readers), or one attached to a working copy he keeps (writers, reviewers); appends its
 * parameters.
 */
export function articleFileReadableSql(actor: Actor, now: Date, params: unknown[]): string {
  if (!may(actor, 'knowledge.read')) return 'false';
  const offered = `exists (select 1 from kb_article_versions p join kb_articles a on a.id = p.article_id and p.version = a.published_version
    where p.file_ids @> array[f.id] and ${offeredSql(now, params)})`;
  const kept = keptSql(actor, params);
  if (kept === 'false') return offered;
  return `(${offered} or exists (select 1 from kb_article_files af join kb_articles a on a.id = af.article_id where af.file_id = f.id and ${kept}))`;
}

/** SQL: a file row `f` some article names (attached now, or in a version): kept from the sweep of unattached uploads. */
export const articleNamesFileSql = `(exists (select 1 from kb_article_files af where af.file_id = f.id) or exists (select 1 from kb_article_versions v where v.file_ids @> array[f.id]))`;
