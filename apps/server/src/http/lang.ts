import type { FastifyRequest } from 'fastify';

export type Lang = 'zh' | 'en';

/** zh-CN is the default; English when the request prefers it. */
export function requestLang(req: FastifyRequest): Lang {
  const header = String(req.headers['accept-language'] ?? '').trim().toLowerCase();
  return header.startsWith('en') ? 'en' : 'zh';
}
