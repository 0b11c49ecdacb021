/**
 * 进度查询: a report followed by its tracking code (查询码). The public timeline: the state in the reader's language,
 * the public steps (portal.rules.ts publicSteps: units, never a person; public replies only, phone numbers
 * masked), the place rounded to about 10 m, the photos of the report and of its result as display forms (no
 * EXIF) through the public photo route, the satisfaction once rated.
 *
 * An unknown code and a confidential order's code answer the same 404. A merged order's code follows the order it
 * was merged into (its state, steps and result: the citizen's matter is handled there), with the merge as a step,
 * unless that order is confidential (then the merged order is shown as it is, 已并单).
 */
import type { Queryable } from '@liandong/db';
import type { Lang, PublicReport } from '@liandong/contracts';
import type { StoredFile } from '../files/files.ts';
import { readPublicPhoto } from '../files/files.ts';
import type { FileStore } from '../files/file-store.ts';
import { notFound } from '../shared/errors.ts';
import { codedOrder, orderByTrackingCode, publicOrderRow, publicPhotos, timelineFacts, type CodedOrder } from './portal.repository.ts';
import { FINISHED_STATES, publicPhotoUrl, publicSteps, publicText, roundedPoint } from './portal.rules.ts';

const REPORT = { zh: '查询码对应的诉求', en: 'Report of this tracking code' };
/** How many merges are followed (a merged order's target merged again…). */
const MAX_MERGE_HOPS = 5;

export interface ResolvedReport {
  /** The order the code names. */
  own: CodedOrder;
  /** The order shown: the same, or the one it was merged into. */
  shown: CodedOrder;
}

/** The order a tracking code names (404 if none or confidential), and the order shown for it. */
export async function resolveTrackingCode(q: Queryable, code: string): Promise<ResolvedReport> {
  const own = await orderByTrackingCode(q, code);
  if (!own || own.confidential) throw notFound(REPORT);
  return { own, shown: await followMerges(q, own) };
}

/** The order shown for a (non-confidential) order: itself, or the order it was merged into unless that is confidential. */
export async function followMerges(q: Queryable, own: CodedOrder): Promise<CodedOrder> {
  let shown = own;
  for (let hop = 0; hop < MAX_MERGE_HOPS && shown.state === 'merged' && shown.merged_into_id; hop++) {
    const into = await codedOrder(q, Number(shown.merged_into_id));
    if (!into || into.confidential) break;
    shown = into;
  }
  return shown;
}

export async function trackReport(q: Queryable, code: string, lang: Lang): Promise<PublicReport> {
  const { own, shown } = await resolveTrackingCode(q, code);
  const o = await publicOrderRow(q, shown.id);
  const followed = shown.id !== own.id;
  const facts = await timelineFacts(q, [shown.id], lang);
  // A followed merge: the merged order's own report and merge, among the steps of the order it joined (but that
  // order's own report and merge, which are another citizen's).
  const ownFacts = followed ? await timelineFacts(q, [own.id], lang, ['create', 'merged-into']) : [];
  const joined = followed ? facts.filter((f) => f.action !== 'create' && f.action !== 'merge') : facts;
  const steps = publicSteps([...ownFacts, ...joined].sort((a, b) => a.at.localeCompare(b.at)), lang);
  const photos = (await publicPhotos(q, [shown.id])).get(shown.id) ?? [];
  return {
    trackingCode: code,
    orderCode: o.code,
    state: { code: o.state, label: lang === 'en' ? o.label_en : o.label_zh },
    finished: FINISHED_STATES.includes(o.state),
    nature: lang === 'en' ? o.nature_en : o.nature_zh,
    category: (lang === 'en' ? (o.category_name_en ?? o.category_name) : o.category_name) ?? null,
    description: publicText(o.description),
    address: o.address ? publicText(o.address) : null,
    location: roundedPoint(Number(o.lng), Number(o.lat)),
    reportedAt: new Date(o.created_at).toISOString(),
    closedAt: o.closed_at ? new Date(o.closed_at).toISOString() : null,
    reporters: o.reporters,
    photos: photos.map((p) => ({ id: p.id, url: publicPhotoUrl(code, p.id) })),
    steps,
    satisfaction: (o.satisfaction as PublicReport['satisfaction']) ?? null,
  };
}

/** A photo of the report the code names, as the public sees it (display form, JPEG); 404 for any other file. */
export async function reportPhoto(q: Queryable, store: FileStore, code: string, fileId: string): Promise<StoredFile> {
  const { shown } = await resolveTrackingCode(q, code);
  const allowed = (await publicPhotos(q, [shown.id])).get(shown.id) ?? [];
  return readPublicPhoto(q, store, shown.id, allowed.map((p) => p.rowId), fileId);
}
