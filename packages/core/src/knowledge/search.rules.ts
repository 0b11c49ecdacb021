/**
 * 知识检索 — the arithmetic of knowledge search (docs/knowledge-base.md), pure: what an article's published text
 * indexes as terms, what a query asks for, the BM25F-like score with freshness, and the highlighted snippet.
 *
 * Terms are `w:<word>` (jieba search mode: 社保卡 → 社保, 社保卡) and `g:<two characters>` (character pairs: a query
 * without word boundaries, or with one character wrong, still shares most of its pairs with the right text).
 */
import { charGrams, searchWords } from '../shared/text/segment.ts';
import { escapeHtml } from './article-body.rules.ts';

export const FIELDS = ['title', 'keywords', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** How much a match in each field counts (a title match outweighs a body match). */
export const FIELD_WEIGHTS: Record<Field, number> = { title: 3, keywords: 2, body: 1 };
/** A pair of characters counts less than a word; a synonym's term less than the query's own. */
export const GRAM_WEIGHT = 0.4;
export const SYNONYM_WEIGHT = 0.8;
export const K1 = 1.2;
export const B = 0.75;
/** Freshness: up to +25 % for an article published today, halving every HALF_LIFE_DAYS. */
export const FRESHNESS_BONUS = 0.25;
export const HALF_LIFE_DAYS = 365;
/** Results below this share of the best score are noise (one common pair shared). */
export const RELATIVE_CUTOFF = 0.2;

export interface TermCount {
  term: string;
  field: Field;
  tf: number;
}

function fieldTerms(text: string): string[] {
  return [...searchWords(text).map((w) => `w:${w}`), ...charGrams(text).map((g) => `g:${g}`)];
}

/** The terms of an article's searchable fields with their counts, and each field's length in terms. */
export function articleTerms(a: { title: string; body: string; keywords: readonly string[] }): { terms: TermCount[]; lengths: Record<Field, number> } {
  const terms: TermCount[] = [];
  const lengths = { title: 0, keywords: 0, body: 0 } as Record<Field, number>;
  const texts: Record<Field, string> = { title: a.title, keywords: a.keywords.join('，'), body: a.body };
  for (const field of FIELDS) {
    const all = fieldTerms(texts[field]);
    lengths[field] = all.length;
    const counts = new Map<string, number>();
    for (const t of all) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) terms.push({ term, field, tf });
  }
  return { terms, lengths };
}

export interface SynonymPair {
  word: string;
  synonym: string;
}

export interface QueryPlan {
  /** Each term asked for with its weight in the query. */
  terms: Map<string, number>;
  /** Word terms of two characters or more: any of them matched makes an article a candidate. */
  strongWords: Set<string>;
  /** The query's own character pairs (a candidate without a strong word must share half of them). */
  grams: string[];
  /** What to highlight: the query's words of two characters or more, and both sides of each synonym used. */
  marks: string[];
  /** Latin letters only: also read as pinyin initials (sbk → 社保卡). */
  initials: string | null;
  /** The synonyms used, for the answer's explanation. */
  synonymsUsed: string[];
}

const isInitials = (q: string) => /^[a-z]{2,20}$/.test(q);

export function planQuery(query: string, synonyms: readonly SynonymPair[]): QueryPlan {
  const q = query.trim().toLowerCase();
  const terms = new Map<string, number>();
  const add = (t: string, w: number) => terms.set(t, Math.max(terms.get(t) ?? 0, w));
  const words = searchWords(q);
  const grams = charGrams(q);
  for (const w of words) add(`w:${w}`, 1);
  for (const g of grams) add(`g:${g}`, GRAM_WEIGHT);
  const synonymsUsed: string[] = [];
  const matchedSides: string[] = [];
  for (const p of synonyms) {
    for (const [from, to] of [
      [p.word, p.synonym],
      [p.synonym, p.word],
    ] as const) {
      if (!q.includes(from.toLowerCase()) || q.includes(to.toLowerCase())) continue;
      synonymsUsed.push(to);
      matchedSides.push(from);
      for (const w of searchWords(to)) add(`w:${w}`, SYNONYM_WEIGHT);
      for (const g of charGrams(to)) add(`g:${g}`, GRAM_WEIGHT * SYNONYM_WEIGHT);
    }
  }
  const strongWords = new Set([...terms.keys()].filter((t) => t.startsWith('w:') && [...t.slice(2)].length >= 2));
  const marks = [...new Set([...words.filter((w) => [...w].length >= 2), ...matchedSides, ...synonymsUsed])];
  return { terms, strongWords, grams: [...new Set(grams)], marks, initials: isInitials(q) ? q : null, synonymsUsed };
}

/** A matched term of one article in one field. */
export interface Hit {
  articleId: number;
  term: string;
  field: Field;
  tf: number;
}

export interface CorpusStats {
  /** Articles offered. */
  n: number;
  /** Articles holding each term (any field). */
  df: Map<string, number>;
  avgLength: Record<Field, number>;
}

export interface Candidate {
  articleId: number;
  lengths: Record<Field, number>;
  /** When it was published (freshness). */
  publishedAt: Date;
  /** Its pinyin initials matched the query. */
  initialsMatch: 'title' | 'keywords' | null;
}

export const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

export function freshness(publishedAt: Date, now: Date): number {
  const days = Math.max(0, (now.getTime() - publishedAt.getTime()) / 86_400_000);
  return 1 + FRESHNESS_BONUS * Math.pow(0.5, days / HALF_LIFE_DAYS);
}

/**
 * BM25F-like relevance: for each query term, the field-weighted, length-normalised count
 * tf' = Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f), saturated as tf'(k1+1)/(tf'+k1), times its idf and its
 * weight in the query; a pinyin-initials match counts as a title (or keyword) word. The score is relevance ×
 * freshness. Articles with neither a word of two characters, half the query's pairs nor an initials match are
 * not candidates; those under RELATIVE_CUTOFF of the best are dropped.
 */
export function rank(plan: QueryPlan, candidates: readonly Candidate[], hits: readonly Hit[], stats: CorpusStats, now: Date): { articleId: number; score: number; matched: string[] }[] {
  const byArticle = new Map<number, Hit[]>();
  for (const h of hits) {
    const list = byArticle.get(h.articleId) ?? [];
    list.push(h);
    byArticle.set(h.articleId, list);
  }
  const out: { articleId: number; score: number; matched: string[] }[] = [];
  for (const c of candidates) {
    const mine = byArticle.get(c.articleId) ?? [];
    const matchedTerms = new Set(mine.map((h) => h.term));
    const strong = [...plan.strongWords].some((t) => matchedTerms.has(t));
    const gramShare = plan.grams.length ? plan.grams.filter((g) => matchedTerms.has(`g:${g}`)).length / plan.grams.length : 0;
    if (!strong && gramShare < 0.5 && !c.initialsMatch) continue;
    let relevance = 0;
    for (const term of matchedTerms) {
      const qw = plan.terms.get(term) ?? 0;
      let tfw = 0;
      for (const h of mine) {
        if (h.term !== term) continue;
        const avg = stats.avgLength[h.field] || 1;
        tfw += (FIELD_WEIGHTS[h.field] * h.tf) / (1 - B + (B * c.lengths[h.field]) / avg);
      }
      relevance += qw * idf(stats.n, stats.df.get(term) ?? 1) * ((tfw * (K1 + 1)) / (tfw + K1));
    }
    if (c.initialsMatch) {
      const w = FIELD_WEIGHTS[c.initialsMatch];
      relevance += idf(stats.n, 1) * ((w * (K1 + 1)) / (w + K1));
    }
    if (relevance <= 0) continue;
    out.push({ articleId: c.articleId, score: relevance * freshness(c.publishedAt, now), matched: [...matchedTerms].filter((t) => t.startsWith('w:')).map((t) => t.slice(2)) });
  }
  out.sort((a, b) => b.score - a.score || a.articleId - b.articleId);
  const best = out[0]?.score ?? 0;
  return out.filter((r) => r.score >= best * RELATIVE_CUTOFF);
}

/** The text HTML-escaped with <mark> around every occurrence of the needles (overlaps merged). */
export function highlight(text: string, needles: readonly string[]): string {
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    if (!n) continue;
    const ln = n.toLowerCase();
    for (let i = lower.indexOf(ln); i >= 0; i = lower.indexOf(ln, i + 1)) for (let j = i; j < i + ln.length; j++) marked[j] = true;
  }
  let html = '';
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    const piece = escapeHtml(text.slice(i, j));
    html += marked[i] ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return html;
}

/** What to mark in a text: the query's words and synonyms found in it, else (a typo, no word in common) its character pairs. */
export function needlesIn(text: string, plan: Pick<QueryPlan, 'marks' | 'grams'>): string[] {
  const lower = text.toLowerCase();
  const words = plan.marks.filter((n) => lower.includes(n.toLowerCase()));
  return words.length ? words : plan.grams;
}

/** A window of the text around its first occurrence of the longest needle found, highlighted (… where cut). */
export function snippet(text: string, needles: readonly string[], maxChars = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = -1;
  for (const n of [...needles].sort((a, b) => b.length - a.length)) {
    at = lower.indexOf(n.toLowerCase());
    if (at >= 0) break;
  }
  const start = at < 0 ? 0 : Math.max(0, at - Math.floor(maxChars / 4));
  const end = Math.min(flat.length, start + maxChars);
  return `${start > 0 ? '…' : ''}${highlight(flat.slice(start, end), needles)}${end < flat.length ? '…' : ''}`;
}
