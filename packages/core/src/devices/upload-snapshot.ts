/**
 * 抓拍图: a device uploads the snapshot of a detection before posting it, and names the answered id as the
 * detection's `snapshot`. The request is signed like the device's detections (signature.rules.ts), over the hex
 * SHA-256 of the body instead of the body itself: `X-Signature` = hex HMAC-SHA256 of `${X-Timestamp}\n${sha256 hex}`.
 * The signature is checked before the bytes are looked at. Only photos the server can show are kept (their
 * display and thumb forms made at once); the file has no uploader, only its device, and is read through the
 * detections of that device that name it (detection-scope.ts). One never named is swept after a day.
 */
import { createHash } from 'node:crypto';
import type { Db } from '@liandong/db';
import type { SnapshotView } from '@liandong/contracts';
import type { FileStore } from '../files/file-store.ts';
import { storeShowablePhoto } from '../files/files.ts';
import { authenticateDevice, deviceActor } from './ingest-events.ts';

export interface SignedUpload {
  deviceId?: string;
  timestamp?: string;
  signature?: string;
  contentType: string | null;
  data: Buffer;
}

/** What a device signs for an upload: the hex SHA-256 of the bytes. */
export const signedDigest = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function uploadSnapshot(db: Db, store: FileStore, req: SignedUpload, now: Date): Promise<SnapshotView> {
  const data = Buffer.isBuffer(req.data) ? req.data : Buffer.alloc(0);
  const device = await authenticateDevice(db, { deviceId: req.deviceId, timestamp: req.timestamp, signature: req.signature, rawBody: signedDigest(data) }, now);
  const name = `snapshot-${device.code}-${now.toISOString().replace(/[:.]/g, '')}`;
  const file = await storeShowablePhoto(db, store, deviceActor(device), { name, contentType: req.contentType, data }, now, { deviceId: device.id });
  return { id: file.id, contentType: file.contentType, size: file.size, width: file.width ?? null, height: file.height ?? null };
}
