/**
 * Where notifications may be sent (外发目标): never to this machine or its private networks unless an
 * administrator allows the host by name (LIANDONG_OUTBOUND_ALLOW), so a channel setting cannot turn the
 * platform into a probe of its own network (SSRF). Pure: host text in, a verdict out; node:net's BlockList
 * and isIP compute, they do no I/O.
 */
import { BlockList, isIP } from 'node:net';

/** One allowed target: a host (name or IP, lower case) and optionally a port. */
export interface AllowEntry {
  host: string;
  port?: number;
}

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible (::7f00:1)
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(net, bits, 'ipv6');
}

/**
 * A host as the WHATWG URL parser reads it: odd IPv4 spellings (2130706433, 0x7f000001, 0177.0.0.1, 127.1)
 * become dotted quads, IPv6 loses its brackets, names go lower case. Null when it is no host at all.
 */
export function canonicalHost(host: string): string | null {
  try {
    const h = new URL(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}/`).hostname;
    return h.startsWith('[') ? h.slice(1, -1) : h;
  } catch {
    return null;
  }
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (::ffff:127.0.0.1, ::ffff:7f00:1). */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:0{0,4}:){0,5}(?:ffff:)?((?:\d{1,3}\.){3}\d{1,3})$/i.exec(ip) ?? null;
  if (m) return m[1]!;
  const hex = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip) ?? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return null;
  const a = parseInt(hex[1]!, 16);
  const b = parseInt(hex[2]!, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/** Whether an IP address (v4 or v6, canonical) is one notifications must never reach. */
export function isForbiddenAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return BLOCKED.check(ip, 'ipv4');
  if (family === 6) {
    // An IPv4 address in IPv6 dress (::ffff:127.0.0.1, ::7f00:1) is refused whatever it embeds.
    if (embeddedIpv4(ip) !== null) return true;
    return BLOCKED.check(ip, 'ipv6');
  }
  return true; // not an address at all
}

export function isAllowed(host: string, port: number, allow: readonly AllowEntry[]): boolean {
  return allow.some((a) => a.host === host && (a.port === undefined || a.port === port));
}

/** Parses LIANDONG_OUTBOUND_ALLOW: comma-separated `host` or `host:port` (IPv6 as `[::1]:8080`). Throws on nonsense. */
export function parseAllowList(raw: string | undefined): AllowEntry[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((item) => {
    const text = item.trim();
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(text);
    const host = m ? canonicalHost(m[1]!) : null;
    const port = m?.[2] ? Number(m[2]) : undefined;
    if (!host || (port !== undefined && (port < 1 || port > 65535))) {
      throw new Error(`LIANDONG_OUTBOUND_ALLOW: "${text}" is not a host or host:port / 不是有效的主机或主机:端口`);
    }
    return port === undefined ? { host } : { host, port };
  });
}

/**
 * The verdict on a target before any DNS: an allowed host passes; an IP literal or `localhost` must not be
 * forbidden. A name passes here and is judged again by the addresses it resolves to, at send time.
 */
export function refusalOf(host: string, port: number, allow: readonly AllowEntry[]): string | null {
  const h = canonicalHost(host);
  if (!h) return 'not a valid host';
  if (isAllowed(h, port, allow)) return null;
  if (h === 'localhost' || h.endsWith('.localhost')) return 'loopback host';
  if (isIP(h) && isForbiddenAddress(h)) return 'private, loopback or link-local address';
  return null;
}

/** Request headers an administrator may set on a gateway: credentials and X-… names, nothing that steers the request. */
export function isAllowedHeader(name: string): boolean {
  const n = name.toLowerCase();
  if (/^x-(forwarded|real-ip|original|rewrite|http-method)/.test(n)) return false;
  return n === 'authorization' || n === 'accept' || n === 'accept-language' || /^x-[a-z0-9-]+$/.test(n);
}
