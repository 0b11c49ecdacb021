/**
 * Chinese text as words (分词): the one home of word segmentation for search and classification (the knowledge
 * base, smart dispatch). jieba (@node-rs/jieba, its own dictionary, prebuilt for this platform) cuts a sentence into
 * words; search mode also gives the shorter words inside longer ones (社保卡 → 社保, 社保卡) so a query matches either.
 * Punctuation, spaces and one-character function words are dropped; Latin letters are lowered.
 * The dictionary loads once per process (~0.25 s), on first use.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

function cutter(): Jieba {
  if (!jieba) {
    const { Jieba: J } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = J.withDict(dict);
  }
  return jieba;
}

/** One-character words that carry no meaning of their own (的, 了, 在 …); longer stop words are kept: they are rare. */
const FUNCTION_CHARS = new Set('的了在是和与及或也都就还又被把给对向从到为着过吗呢吧啊呀么请我你他她它们这那有个'.split(''));
const NOT_A_WORD = /^[\s\p{P}\p{S}]+$/u;

function keep(w: string): boolean {
  return !NOT_A_WORD.test(w) && !(w.length === 1 && FUNCTION_CHARS.has(w));
}

/** The words of a text, in order (precise mode: each character in one word). */
export function words(text: string): string[] {
  return cutter().cut(text.toLowerCase(), true).filter(keep);
}

/** The words of a text with the shorter words inside the longer ones too (search mode: for indexes and queries). */
export function searchWords(text: string): string[] {
  return cutter().cutForSearch(text.toLowerCase(), true).filter(keep);
}

/** Overlapping runs of n characters of a text without punctuation or spaces (a word-free signal: 一字之差 still shares most). */
export function charGrams(text: string, n = 2): string[] {
  const s = text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  if (s.length <= n) return s ? [s] : [];
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}
