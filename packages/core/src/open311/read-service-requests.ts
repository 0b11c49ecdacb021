/**
 * GET requests, requests/{id} and tokens/{token}: the orders the public may read (never a confidential one),
 * as GeoReport v2 service requests. No person appears: no reporter, no staff member; the agency responsible is
 * a unit; phone numbers in a citizen's words are masked. Final states (closed, rejected, merged, voided) are
 * `closed`, the detailed state goes in status_notes in the request's language.
 */
import type { Queryable } from '@liandong/db';
import type { GeoReportRequest } from './georeport-format.ts';
import { checkJurisdiction } from './georeport-services.ts';
import { commaList, DEFAULT_WINDOW_DAYS, invalid, MAX_REQUESTS, maskPersonalDataInText, notFoundAs, parseDateParam, publicStatus, splitMediaUrl, statusFilter, w3cDateTime } from './georeport.rules.ts';
import { publicOrders, type PublicOrderRow } from './georeport.repository.ts';

type Lang = 'zh' | 'en';
/** A query parameter as text (the first of a repeated one). */
const text = (v: unknown): string | undefined => (Array.isArray(v) ? text(v[0]) : typeof v === 'string' ? v : undefined);

function requestOf(r: PublicOrderRow, lang: Lang): GeoReportRequest {
  const { description, mediaUrl } = splitMediaUrl(r.description);
  const status = publicStatus(r.state_type);
  return {
    service_request_id: r.code,
    status,
    status_notes: lang === 'en' ? r.label_en : r.label_zh,
    service_name: (lang === 'en' ? (r.category_name_en ?? r.category_name) : r.category_name) ?? null,
    service_code: r.category_code,
    description: maskPersonalDataInText(description),
    agency_responsible: (lang === 'en' ? (r.agency_en ?? r.agency) : r.agency) ?? null,
    service_notice: null,
    requested_datetime: w3cDateTime(r.created_at)!,
    updated_datetime: w3cDateTime(status === 'closed' ? (r.closed_at ?? r.updated_at) : r.updated_at),
    expected_datetime: status === 'closed' ? null : w3cDateTime(r.expected_at),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: Number(r.lat),
    long: Number(r.lng),
    media_url: mediaUrl,
  };
}

/**
 * The filters of the spec: service_request_id (a comma list; the others are then ignored), service_code (a comma
 * list), start_date, end_date, status (open, closed). Without dates, the last 90 days; at most 1000, newest first.
 */
export async function searchServiceRequests(q: Queryable, query: Record<string, unknown>, lang: Lang, now: Date): Promise<GeoReportRequest[]> {
  await checkJurisdiction(q, text(query.jurisdiction_id));
  const codes = commaList('service_request_id', text(query.service_request_id), MAX_REQUESTS);
  if (codes.length) return (await publicOrders(q, { codes, serviceCodes: [], limit: MAX_REQUESTS })).map((r) => requestOf(r, lang));
  const serviceCodes = commaList('service_code', text(query.service_code));
  const to = parseDateParam('end_date', text(query.end_date));
  const from = parseDateParam('start_date', text(query.start_date)) ?? (to ? undefined : new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000));
  if (from && to && from > to) throw invalid('start_date', '不能晚于 end_date', 'must not be after end_date');
  const status = statusFilter(text(query.status));
  const closed = status.length === 1 ? status[0] === 'closed' : undefined;
  return (await publicOrders(q, { codes: [], serviceCodes, from, to, closed, limit: MAX_REQUESTS })).map((r) => requestOf(r, lang));
}

/** One request, as the spec answers it (an array of one), or 404. */
export async function serviceRequestById(q: Queryable, id: string, query: Record<string, unknown>, lang: Lang): Promise<GeoReportRequest[]> {
  await checkJurisdiction(q, text(query.jurisdiction_id));
  const rows = id ? await publicOrders(q, { codes: [id], serviceCodes: [], limit: 1 }) : [];
  if (!rows.length) throw notFoundAs(`服务请求 ${id} 不存在`, `service_request_id ${id} not found`);
  return rows.map((r) => requestOf(r, lang));
}

/** Requests are created at once, so a token is the request's own id: it names the request it became. */
export async function serviceRequestOfToken(q: Queryable, token: string, query: Record<string, unknown>): Promise<{ service_request_id: string; token: string }[]> {
  await checkJurisdiction(q, text(query.jurisdiction_id));
  const rows = token ? await publicOrders(q, { codes: [token], serviceCodes: [], limit: 1 }) : [];
  if (!rows.length) throw notFoundAs(`令牌 ${token} 不存在`, `token ${token} not found`);
  return [{ service_request_id: rows[0]!.code, token }];
}
