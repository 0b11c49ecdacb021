/**
 * Personal data protection (SPEC §9): phone numbers and names are masked unless the role needs them.
 * The hotline (operators) calls reporters back and sees them in full; a confidential order's reporter
 * is hidden from everyone else entirely.
 */
import type { Actor } from './actor.ts';
import { may } from './permissions.rules.ts';

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}****${phone.slice(-4)}`.replace(/\*{5,}/, '****');
}

/**
 * Personal data in free text (a citizen's words, a department's reply), masked before the public reads it:
 * resident identity card numbers (身份证号: 320584********1234, the old 15 digits too), mobile and landline numbers
 * (138****5678, 0512-****1234) and e-mail addresses (z***@example.com). Names cannot be told from other words and
 * stay as written: a reply meant for the public is written without them.
 */
export function maskPersonalDataInText(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z])([1-9]\d{5})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g, '$1********$2')
    .replace(/(?<![\dA-Za-z])([1-9]\d{5})\d{6}(\d{3})(?![\dA-Za-z])/g, '$1******$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(0\d{2,3}-?)\d{4}(\d{3,4})(?!\d)/g, '$1****$2')
    .replace(/(?<![\w.+-])([A-Za-z0-9])[\w.+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g, '$1***@$2');
}

export function maskName(name: string | null): string | null {
  if (!name) return null;
  return `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}

/** Who sees reporters' full names and numbers (and so may search orders by a phone number). */
export function seesReporterIdentity(actor: Actor): boolean {
  return may(actor, 'reporters.identity');
}

export interface ReporterPrivacy {
  /** The order the reporter is shown on is confidential (保密). */
  orderConfidential: boolean;
  anonymous: boolean;
  /** The reporter came with a merged order (并案) that was confidential: he keeps its protection. */
  sourceConfidential?: boolean;
}

/** How a reporter is shown to this actor: in full, masked (张*, 139****0001), or not at all. */
export function reporterShown(actor: Actor, r: ReporterPrivacy): 'full' | 'masked' | 'hidden' {
  if (seesReporterIdentity(actor)) return 'full';
  return r.orderConfidential || r.anonymous || r.sourceConfidential ? 'hidden' : 'masked';
}
