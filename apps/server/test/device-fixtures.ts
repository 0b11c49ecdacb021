/**
 * A camera as the tests play it (天网): registered by an administrator, then signing its requests itself with
 * node's HMAC, as a device would — the server's own signing code is not used, so a test fails if the two disagree.
 */
import { createHash, createHmac } from 'node:crypto';
import { expect } from 'vitest';
import sharp from 'sharp';
import type { Client, TestServer } from './harness.ts';

export interface TestDevice {
  id: number;
  code: string;
  secret: string;
  location: { lng: number; lat: number };
}

let seq = 0;
/** A camera registered by `admin` at `location` (WGS-84); its secret as the answer showed it, once. */
export async function registerDevice(admin: Client, location: { lng: number; lat: number }, name?: string): Promise<TestDevice> {
  const code = `CAM-${process.pid}-${Date.now() % 100_000}-${++seq}`;
  const r = await admin.post('/api/v1/admin/devices', { code, name: name ?? `测试摄像头 ${seq}`, kind: 'camera', location });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.device.id, code, secret: r.body.secret, location: r.body.device.location };
}

/** The signing headers of a request whose signed text is `signed` (the raw JSON body, or an upload's SHA-256 hex). */
export function signHeaders(d: Pick<TestDevice, 'code' | 'secret'>, signed: string, ts = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  return { 'x-device-id': d.code, 'x-timestamp': ts, 'x-signature': createHmac('sha256', d.secret).update(`${ts}\n${signed}`).digest('hex') };
}

/** Posts a detection (or a batch) signed over its raw body; `headers` replaces the signature. */
export async function postSigned(s: TestServer, path: '/api/v1/events' | '/api/v1/events/batch', d: TestDevice, body: unknown, headers?: Record<string, string>) {
  const raw = JSON.stringify(body);
  return s.anonymous.request('POST', path, raw, headers ?? signHeaders(d, raw));
}

/** Uploads a snapshot as the device does: the bytes as the body, signed over their SHA-256 (hex). */
export async function uploadSnapshot(s: TestServer, d: TestDevice, bytes: Buffer, contentType = 'image/jpeg', headers?: Record<string, string>) {
  const res = await fetch(`${s.base}/api/v1/events/snapshots`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(headers ?? signHeaders(d, createHash('sha256').update(bytes).digest('hex'))) },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A camera's picture, 640 × 360: a road with a puddle of `colour` and the camera's caption burnt in, as a JPEG. */
export function cameraJpeg(colour = '#3a6ea5', caption = 'CAM 2026-05-01 08:00:00'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
    <rect width="640" height="150" fill="#9fb8c8"/><rect y="150" width="640" height="210" fill="#5b5f63"/>
    <polygon points="300,150 340,150 420,360 220,360" fill="#d8d8d0" opacity="0.5"/>
    <ellipse cx="330" cy="280" rx="170" ry="48" fill="${colour}" opacity="0.85"/>
    <rect x="12" y="12" width="300" height="26" fill="#000" opacity="0.5"/>
    <text x="20" y="31" font-family="monospace" font-size="16" fill="#fff">${caption.replace(/[<&]/g, '')}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

export const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString();

/** A detection of `type` seen a second ago with `confidence`, perhaps with a snapshot. */
export const detection = (eventId: string, extra: Record<string, unknown> = {}) => ({ eventId, type: 'illegal_parking', detectedAt: secondsAgo(1), confidence: 0.93, ...extra });

/** One basic grid of each town (first by code), for devices placed in different towns. */
export async function oneGridPerTown(s: TestServer): Promise<{ code: string; town: string }[]> {
  const r = await s.platform.db.query<{ code: string; town_code: string }>(
    `select distinct on (town_code) code, town_code from grids where kind = 'basic' and town_code is not null and code like '%-%' order by town_code, code`,
  );
  return r.rows.map((g) => ({ code: g.code, town: g.town_code }));
}
