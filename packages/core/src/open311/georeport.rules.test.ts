import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  derivedIdempotencyKey,
  geoReportErrorOf,
  intakeInputOf,
  maskPersonalDataInText,
  parseDateParam,
  publicStatus,
  serviceRequestForm,
  splitFormat,
  splitMediaUrl,
  w3cDateTime,
} from './georeport.rules.ts';

const service = { code: '06006', name: '擅自悬挂', conditionCodes: ['06006-01'] };
const form = (pairs: Record<string, string>) => serviceRequestForm(Object.entries(pairs));

describe('GeoReport v2 rules', () => {
  it('splits a file name at its last dot and knows only json and xml', () => {
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitFormat('B01.001.XML')).toEqual({ name: 'B01.001', format: 'xml' });
    expect(() => splitFormat('services.html')).toThrow(/format/);
    expect(() => splitFormat('services')).toThrow();
  });

  it('reads dates as ISO 8601, China time when without an offset, and refuses others', () => {
    expect(parseDateParam('start_date', '2026-03-01')!.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseDateParam('start_date', '2026-03-01T08:00:00Z')!.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parseDateParam('start_date', '2026-03-01T08:00:00-0500')!.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(parseDateParam('start_date', undefined)).toBeUndefined();
    expect(() => parseDateParam('start_date', 'yesterday')).toThrow(/start_date/);
    expect(() => parseDateParam('end_date', '2026-13-45')).toThrow(/end_date/);
    expect(w3cDateTime(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01T08:00:00+08:00');
  });

  it('closes the final states only', () => {
    expect(['new', 'open', 'handling', 'suspended'].map(publicStatus)).toEqual(['open', 'open', 'open', 'open']);
    expect(['closed', 'voided'].map(publicStatus)).toEqual(['closed', 'closed']);
  });

  it('derives the same key from the same fields in any order, and another from another request', () => {
    const a = form({ api_key: 'ldt_a', service_code: '06006', lat: '31', long: '120', 'attribute[condition]': 'x' });
    const b = form({ 'attribute[condition]': 'x', long: '120', lat: '31', service_code: '06006', api_key: 'ldt_b' });
    expect(derivedIdempotencyKey(a)).toBe(derivedIdempotencyKey(b));
    expect(derivedIdempotencyKey(a)).toMatch(/^open311-[0-9a-f]{40}$/);
    expect(derivedIdempotencyKey(form({ service_code: '06006', lat: '31', long: '120.1' }))).not.toBe(derivedIdempotencyKey(a));
  });

  it('makes the intake input: the point required, media kept as a link, the reporter named', () => {
    expect(() => intakeInputOf(form({ address_string: '松陵镇' }), service)).toThrow(/lat/);
    const input = intakeInputOf(form({ lat: '31.1', long: '120.6', first_name: '三', last_name: '张', phone: '139 1234 5678', media_url: 'https://x.example/1.jpg' }), service);
    expect(input).toMatchObject({ channel: 'open311', nature: 'report', categoryCode: '06006', location: { lat: 31.1, lng: 120.6, crs: 'wgs84' }, reporter: { name: '张三', phone: '13912345678' } });
    expect(splitMediaUrl(input.description)).toEqual({ description: '擅自悬挂', mediaUrl: 'https://x.example/1.jpg' });
    expect(intakeInputOf(form({ lat: '31', long: '120', first_name: 'John', last_name: 'Smith' }), service).reporter).toEqual({ name: 'John Smith' });
    expect(() => intakeInputOf(form({ lat: '31', long: '120', 'attribute[condition]': 'other' }), service)).toThrow(/condition/);
    expect(() => intakeInputOf(form({ lat: '31', long: '120', media_url: 'file:///etc/passwd' }), service)).toThrow(/media_url/);
  });

  it('masks phone numbers in a citizen’s words', () => {
    expect(maskPersonalDataInText('请回电 13912345678 或 0512-63001234')).toBe('请回电 139****5678 或 0512-****1234');
  });

  it('turns platform refusals into the spec’s statuses', () => {
    expect(geoReportErrorOf(new DomainError(422, 'unprocessable', { zh: '位置不在', en: 'outside' }, 'location'))).toMatchObject({ status: 400, messages: { en: 'location: outside' } });
    expect(geoReportErrorOf(new DomainError(403, 'forbidden', { zh: '否', en: 'no' }))?.status).toBe(403);
    expect(geoReportErrorOf(new Error('bug'))).toBeNull();
  });
});
