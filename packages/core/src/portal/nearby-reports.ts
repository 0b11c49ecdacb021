/**
 * 附近同类: before a citizen reports, the public reports near his point that may be the same matter, ranked by the
 * duplicate rules staff use (orders/similar/similar-cases.rules.ts: distance, words as character pairs, same or
 * related category, age; the same radius: 150 m for a component, 500 m otherwise; the same period).
 *
 * Which orders: every non-confidential complaint or suggestion (any channel, not only the portal's), neither
 * merged, voided nor rejected, and closed (if at all) within the last three days. No person: no reporter, no staff;
 * the description cut to 80 characters with phone numbers masked; the first public photo's display form. An order
 * shown here without a tracking code is given one, so that "me too" can name it.
 */
import type { Queryable } from '@liandong/db';
import { SIMILAR_DEFAULTS, type Lang, type NearbyReport } from '@liandong/contracts';
import { toWgs84 } from '../territory/index.ts';
import { defaultRadius, rankSimilar } from '../orders/similar/similar-cases.ts';
import { boxAround } from '../territory/distance.rules.ts';
import type { Asked } from '../orders/similar/similar-cases.rules.ts';
import { ensureTrackingCodes, nearbyCandidates, publicPhotos } from './portal.repository.ts';
import { NEARBY_CLOSED_DAYS, NEARBY_LIMIT, NEARBY_NATURES, LISTED_TEXT_CHARS, publicPhotoUrl, publicText } from './portal.rules.ts';

/** At most this many of the newest orders in the circle are weighed. */
const MAX_CANDIDATES = 400;
const DAY = 86_400_000;

export interface NearbyInput {
  lng: number;
  lat: number;
  crs?: 'wgs84' | 'gcj02' | 'bd09';
  categoryCode?: string;
  text?: string;
}

export async function nearbyReports(q: Queryable, input: NearbyInput, lang: Lang, now: Date): Promise<{ items: NearbyReport[] }> {
  const [lng, lat] = toWgs84(input.lng, input.lat, input.crs ?? 'wgs84');
  const text = input.text?.trim() ?? '';
  const asked: Asked = { radiusM: await defaultRadius(q, input.categoryCode), days: SIMILAR_DEFAULTS.days, category: Boolean(input.categoryCode), text: text.length >= 2 };
  const rows = await nearbyCandidates(q, {
    box: boxAround(lng, lat, asked.radiusM),
    since: new Date(now.getTime() - asked.days * DAY),
    now,
    closedSince: new Date(now.getTime() - NEARBY_CLOSED_DAYS * DAY),
    natures: NEARBY_NATURES,
    limit: MAX_CANDIDATES,
  });
  const ranked = await rankSimilar(q, rows, { lng, lat, categoryCode: input.categoryCode, text, asked, now }, NEARBY_LIMIT);
  const ids = ranked.map((c) => Number(c.row.id));
  const [codes, photos] = [await ensureTrackingCodes(q, ranked.map((c) => c.row)), await publicPhotos(q, ids)];
  return {
    items: ranked.map((c) => {
      const code = codes.get(Number(c.row.id))!;
      const photo = photos.get(Number(c.row.id))?.[0];
      return {
        trackingCode: code,
        category: (lang === 'en' ? (c.row.category_name_en ?? c.row.category_name) : c.row.category_name) ?? null,
        description: publicText(c.row.description, LISTED_TEXT_CHARS),
        distanceM: Math.round(c.facts.distanceM),
        ageHours: Math.round(c.facts.ageHours * 10) / 10,
        state: lang === 'en' ? c.row.label_en : c.row.label_zh,
        reporters: c.row.reporters,
        photoUrl: photo ? publicPhotoUrl(code, photo.id) : null,
        score: Math.min(1, Math.max(0, Math.round(c.score * 1000) / 1000)),
      };
    }),
  };
}
