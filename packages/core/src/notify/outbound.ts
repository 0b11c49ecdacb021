/**
 * Sending to a gateway safely: the target is checked against outbound.rules.ts before connecting and
 * again after DNS, and the connection goes to the address that was checked (so a name cannot resolve to a
 * public address for the check and a private one for the connection). Redirects are never followed, the
 * answer is read up to a small limit, and failures carry a short reason, never the answer's body.
 */
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { canonicalHost, isAllowed, isForbiddenAddress, parseAllowList, refusalOf, type AllowEntry } from './outbound.rules.ts';

/** A failure whose message is safe to store and show (status or short reason only). */
export class OutboundError extends Error {
  override name = 'OutboundError';
}

/** The administrator's allow-list: LIANDONG_OUTBOUND_ALLOW, read where it is used so every worker sees it. */
export function outboundAllowList(): AllowEntry[] {
  return parseAllowList(process.env.LIANDONG_OUTBOUND_ALLOW);
}

/** The address to connect to for host:port, or an OutboundError saying why not. */
export async function resolveTarget(host: string, port: number, allow: readonly AllowEntry[] = outboundAllowList()): Promise<{ address: string; family: 4 | 6 }> {
  const h = canonicalHost(host);
  const refusal = refusalOf(host, port, allow);
  if (!h || refusal) throw new OutboundError(`target refused: ${refusal ?? 'not a valid host'}`);
  const allowed = isAllowed(h, port, allow);
  const family = isIP(h);
  if (family) return { address: h, family: family as 4 | 6 };
  let found: { address: string; family: number }[];
  try {
    found = await lookup(h, { all: true, verbatim: true });
  } catch {
    throw new OutboundError('host not found');
  }
  if (found.length === 0) throw new OutboundError('host not found');
  if (!allowed && found.some((a) => isForbiddenAddress(a.address))) throw new OutboundError('target refused: resolves to a private, loopback or link-local address');
  return { address: found[0]!.address, family: found[0]!.family as 4 | 6 };
}

/** A lookup that answers only the checked address, whatever is asked. */
function pinned(address: string, family: 4 | 6): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  }) as unknown as LookupFunction;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** One JSON POST with a time limit to a checked target; 3xx answers are failures, not followed. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 10_000, allow?: readonly AllowEntry[]): Promise<HttpAnswer> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new OutboundError('not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new OutboundError('not an http(s) URL');
  const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  const target = await resolveTarget(u.hostname, port, allow);
  const payload = Buffer.from(JSON.stringify(body));
  const options: RequestOptions & { servername?: string } = {
    method: 'POST',
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    path: `${u.pathname}${u.search}`,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length) },
    lookup: pinned(target.address, target.family),
    timeout: timeoutMs,
    ...(u.protocol === 'https:' && !isIP(u.hostname) ? { servername: u.hostname } : {}),
  };
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = send(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => reject(new OutboundError('connection lost')));
    });
    req.on('timeout', () => req.destroy(new OutboundError(`timed out after ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(err instanceof OutboundError ? err : new OutboundError(networkReason(err))));
    req.end(payload);
  });
}

/** A network failure in a few words: the error code, never a message that could carry the far side's text. */
export function networkReason(err: { code?: string }): string {
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS failure',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
  };
  return (err.code && known[err.code]) ?? (err.code && /^[A-Z0-9_]{2,40}$/.test(err.code) ? err.code : 'send failed');
}

/** What a failed send stores in `last_error` and shows in the message log: short, no far-side text. */
export function lastErrorOf(err: unknown): string {
  if (err instanceof OutboundError) return err.message.slice(0, 160);
  const code = (err as { code?: string })?.code;
  if (typeof code === 'string') return networkReason({ code });
  const message = err instanceof Error ? err.message : String(err);
  // Our own adapters' messages (no far-side text), trimmed and without control characters.
  return message.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 160);
}
