/**
 * An S3-compatible object store for uploaded bytes (对象存储: MinIO, Ceph RGW, Alibaba OSS, Tencent COS,
 * Huawei OBS, AWS S3), chosen by `LIANDONG_FILE_STORE=s3:https://KEY:SECRET@host[:port]/bucket[?region=…]`.
 * Requests are path-style (`host/bucket/key`, what self-hosted stores serve) and signed with AWS Signature V4
 * (aws4fetch). Like the folder store, bytes are put before the row is inserted, and removed again if the insert fails.
 */
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import type { FileStore } from './file-store.ts';
import { checkedStoreKey, newStoreKey } from './store-key.ts';

export interface S3Location {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Reads `s3:https://KEY:SECRET@host:port/bucket?region=cn-east-1` (the key and secret URL-encoded). */
export function s3LocationFrom(url: string): S3Location {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('the store URL must be http: or https:');
  const bucket = u.pathname.replace(/^\/+|\/+$/g, '');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error('the URL path must name one bucket (3–63 lower-case letters, digits, dots or hyphens)');
  if (!u.username || !u.password) throw new Error('the URL must carry the access key and secret (https://KEY:SECRET@host/bucket)');
  return {
    endpoint: `${u.protocol}//${u.host}`,
    bucket,
    region: u.searchParams.get('region') ?? 'us-east-1',
    accessKeyId: decodeURIComponent(u.username),
    secretAccessKey: decodeURIComponent(u.password),
  };
}

/** Signs requests to the store with AWS Signature V4 (what MinIO, Ceph, OSS, COS and OBS accept). */
export function s3Signer(where: S3Location): AwsClient {
  return new AwsClient({ accessKeyId: where.accessKeyId, secretAccessKey: where.secretAccessKey, service: 's3', region: where.region });
}

/** The SHA-256 of a request body, sent and signed so the store refuses bytes damaged on the way. */
export const payloadHash = (body?: Buffer) => ({ 'x-amz-content-sha256': createHash('sha256').update(body ?? '').digest('hex') });

export function s3Store(where: S3Location, timeoutMs = 30_000): FileStore {
  const client = s3Signer(where);
  const objectUrl = (key: string) => `${where.endpoint}/${where.bucket}/${checkedStoreKey(key)}`;
  const send = async (method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer) => {
    const res = await client.fetch(objectUrl(key), { method, body, headers: payloadHash(body), signal: AbortSignal.timeout(timeoutMs) });
    if (method === 'DELETE' && res.status === 404) return res;
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
      throw new Error(`object store ${method} ${where.bucket}/${key}: HTTP ${res.status} ${code}`.trim());
    }
    return res;
  };
  return {
    kind: 's3',
    async put(data) {
      const key = newStoreKey();
      // One PUT: the object appears whole or not at all.
      await (await send('PUT', key, data)).arrayBuffer();
      return key;
    },
    async get(key) {
      return Buffer.from(await (await send('GET', key)).arrayBuffer());
    },
    async delete(key) {
      await (await send('DELETE', key)).arrayBuffer();
    },
  };
}
