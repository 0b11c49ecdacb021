/**
 * GeoReport v2 discovery and services: the endpoint as it describes itself, one service per minor class of the
 * catalogue in use (服务 = 小类; group = its major class), and a service's definition, whose one attribute is the
 * class's case-opening condition (立案条件) as a single-value list.
 */
import type { Queryable } from '@liandong/db';
import { pinyinInitials } from '../catalogue/pinyin-initials.ts';
import type { GeoReportDiscovery, GeoReportService, GeoReportServiceDefinition } from './georeport-format.ts';
import { GEOREPORT_SPEC, notFoundAs } from './georeport.rules.ts';
import { jurisdictionIds, listServiceRows, serviceConditions, serviceRow, type ServiceRow } from './georeport.repository.ts';

type Lang = 'zh' | 'en';

/** When this endpoint's description last changed (the spec's changeset). */
export const GEOREPORT_CHANGESET = '2026-12-06T00:00:00+08:00';

/** An unknown jurisdiction_id is the spec's 404; none given means this deployment's one. */
export async function checkJurisdiction(q: Queryable, id: unknown): Promise<void> {
  if (id === undefined || id === '') return;
  if (typeof id !== 'string' || !(await jurisdictionIds(q)).includes(id)) {
    throw notFoundAs('jurisdiction_id 不存在：本平台的辖区编号为其区县的统计用区划代码', 'jurisdiction_id not found: the jurisdictions here are the districts by their division codes');
  }
}

export function discovery(baseUrl: string, lang: Lang): GeoReportDiscovery {
  return {
    changeset: GEOREPORT_CHANGESET,
    contact: lang === 'en' ? 'The district command centre (12345 hotline)' : '区社会治理联动指挥中心（12345 热线）',
    key_service:
      lang === 'en'
        ? 'api_key is an integration API token (ldt_…) issued by the platform administrators (liandong token add --user U --name N); reading is open without a key'
        : 'api_key 为平台管理员签发的接口令牌（ldt_…，liandong token add --user U --name N）；查询无需 api_key',
    endpoints: [{ specification: GEOREPORT_SPEC, url: `${baseUrl}/open311/v2`, changeset: GEOREPORT_CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
  };
}

function serviceOf(r: ServiceRow, lang: Lang): GeoReportService {
  const name = lang === 'en' ? (r.name_en ?? r.name) : r.name;
  const group = lang === 'en' ? (r.group_name_en ?? r.group_name) : r.group_name;
  return {
    service_code: r.code,
    service_name: name,
    description: `${group} / ${name}${r.standard_ref ? ` (${r.standard_ref})` : ''}`,
    metadata: r.conditions > 0,
    type: 'realtime',
    keywords: [r.name, r.name_en, pinyinInitials(r.name)].filter(Boolean).join(','),
    group,
  };
}

export async function listServices(q: Queryable, lang: Lang): Promise<GeoReportService[]> {
  return (await listServiceRows(q)).map((r) => serviceOf(r, lang));
}

/** A service in use, or the spec's 404. */
export async function findService(q: Queryable, code: string): Promise<ServiceRow> {
  const row = code ? await serviceRow(q, code) : null;
  if (!row) throw notFoundAs(`服务 ${code} 不存在`, `service_code ${code} not found`);
  return row;
}

export async function serviceDefinition(q: Queryable, code: string, lang: Lang): Promise<GeoReportServiceDefinition> {
  await findService(q, code);
  const conditions = await serviceConditions(q, code);
  return {
    service_code: code,
    attributes: conditions.length
      ? [
          {
            variable: true,
            code: 'condition',
            datatype: 'singlevaluelist',
            required: false,
            datatype_description: lang === 'en' ? 'one key of the values' : '从列表中选一项的 key',
            order: 1,
            description:
              lang === 'en'
                ? 'Case-opening condition (立案条件): the one that fits what you report; without it the operator decides'
                : '立案条件：选择与所报情况相符的一项；不选时由受理人员判断',
            values: conditions.map((c) => ({ key: c.code, name: c.description })),
          },
        ]
      : [],
  };
}
