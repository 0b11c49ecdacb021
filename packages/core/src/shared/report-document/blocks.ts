/**
 * What a report document (报告公文: the special report 专报, the analysis report 研判报告) is made of, decided
 * before any layout: sections of paragraphs, tables and charts. The .docx and the HTML renderers (docx.ts,
 * html.ts) lay out these blocks the same way, so each report composes its words once and never in a renderer.
 */
import { TEXT_WIDTH_PT } from './page.ts';

export interface ReportCell {
  text: string;
  /** Set in bold. */
  strong?: boolean;
}

export interface ReportTable {
  /** Column titles and relative widths (they sum to 100). */
  columns: { title: string; width: number }[];
  /** A cell's text may hold line breaks ('\n'); the renderers keep them. */
  rows: ReportCell[][];
}

/** A chart drawn on the server: its SVG for the page, a PNG of it for Word, at the same size. */
export interface ReportFigure {
  caption: string;
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'figure'; figure: ReportFigure };

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

/** The red head of a report (版头): the issuer over a red rule, the number and the date beneath. */
export interface ReportHead {
  issuer: string;
  reportNo: string;
  date: string;
}

export const paragraph = (text: string): ReportBlock => ({ kind: 'paragraph', text });

/** Width in ems: a Chinese character is one, a Latin letter or digit about half. */
export const ems = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

/**
 * The red issuer line must fit one line however long the centre's name is: the point size that puts it in the
 * text block, counting a Latin character as half a Chinese one; never below 小二 (18 pt) nor above 小初 (36 pt).
 */
export function issuerPointSize(issuer: string): number {
  const fitting = Math.floor((TEXT_WIDTH_PT * 0.96) / Math.max(ems(issuer), 1));
  return Math.max(18, Math.min(36, fitting));
}
