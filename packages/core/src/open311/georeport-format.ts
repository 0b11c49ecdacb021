/**
 * GeoReport v2 answers as JSON or XML. The JSON is the spec's (arrays of objects, codes as strings); the XML
 * wraps the same fields in the spec's elements: each kind of answer names its root and its repeated element
 * (`<services><service>`, `<service_requests><request>`, `<errors><error>`), lists inside an element name their
 * items (`<attributes><attribute>`, `<values><value>`, `<endpoints><endpoint>`, `<formats><format>`).
 * Built by fast-xml-parser's XMLBuilder (entities escaped), UTF-8.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { GeoReportFormat } from './georeport.rules.ts';

export interface GeoReportService {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface GeoReportAttribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface GeoReportServiceDefinition {
  service_code: string;
  attributes: GeoReportAttribute[];
}

export interface GeoReportRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

export interface GeoReportDiscovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}

export type GeoReportAnswer =
  | { kind: 'discovery'; body: GeoReportDiscovery }
  | { kind: 'services'; body: GeoReportService[] }
  | { kind: 'service_definition'; body: GeoReportServiceDefinition }
  | { kind: 'requests'; body: GeoReportRequest[] }
  | { kind: 'created'; body: { service_request_id: string; service_notice: string | null; account_id: string | null }[] }
  | { kind: 'tokens'; body: { service_request_id: string; token: string }[] }
  | { kind: 'errors'; body: { code: number; description: string }[] };

export const CONTENT_TYPES: Record<GeoReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false, suppressBooleanAttributes: false });

/** The XML tree of an answer: its root, and each list as an element holding its items. */
function xmlTree(a: GeoReportAnswer): Record<string, unknown> {
  switch (a.kind) {
    case 'discovery':
      return { discovery: { ...a.body, endpoints: { endpoint: a.body.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } } };
    case 'services':
      return { services: { service: a.body } };
    case 'service_definition':
      return { service_definition: { service_code: a.body.service_code, attributes: { attribute: a.body.attributes.map((x) => ({ ...x, values: { value: x.values } })) } } };
    case 'requests':
    case 'created':
    case 'tokens':
      return { service_requests: { request: a.body } };
    case 'errors':
      return { errors: { error: a.body } };
  }
}

/** The answer's text in the format asked for. */
export function renderGeoReport(format: GeoReportFormat, a: GeoReportAnswer): string {
  if (format === 'json') return JSON.stringify(a.body);
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(xmlTree(a))}`;
}
