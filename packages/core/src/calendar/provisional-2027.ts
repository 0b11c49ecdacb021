/**
 * PROVISIONAL 2027 holiday arrangement (2027年节假日安排，暂定). chinese-days 1.5.7 stops at 2026 and
 * the State Council publishes each year's arrangement late in the previous year, so these dates are
 * our estimate, not the official notice. They are stored with source 'provisional-2027'; an
 * administrator corrects them in the working calendar once the notice (国务院办公厅关于2027年部分节假日
 * 安排的通知) is out, and re-seeding never overwrites those edits.
 *
 * Estimated with the rules in force since 2025 (除夕 and 5月2日 are statutory holidays; a statutory day
 * on a weekend is made up on the next weekday; at most six working days in a row) and the precedent
 * of years with the same weekdays (2021 for Labour Day and National Day, 2024 for Spring Festival):
 * - 元旦 Fri 1 Jan: 1–3 Jan, no make-up day.
 * - 春节 (初一 Sat 6 Feb, 除夕 Fri 5 Feb): 5–13 Feb, 9 days; work Sun 31 Jan and Sun 14 Feb.
 * - 清明节 Mon 5 Apr: 3–5 Apr, no make-up day.
 * - 劳动节 Sat 1 May: 1–5 May, 5 days; work Sat 8 May.
 * - 端午节 Wed 9 Jun: 9 Jun only (a midweek single day is no longer bridged, cf. 元旦 2025).
 * - 中秋节 Wed 15 Sep: 15 Sep only.
 * - 国庆节 Fri 1 Oct: 1–7 Oct, 7 days; work Sun 26 Sep and Sat 9 Oct.
 */
export interface FestivalArrangement {
  /** Festival name in Chinese. */
  name: string;
  /** First and last day of the rest period, inclusive (weekends inside it included). */
  from: string;
  to: string;
  /** Weekend days worked to make up for the bridge days (调休上班). */
  makeUpDays: string[];
}

export const PROVISIONAL_2027_SOURCE = 'provisional-2027';

export const PROVISIONAL_2027: readonly FestivalArrangement[] = [
  { name: '元旦', from: '2027-01-01', to: '2027-01-03', makeUpDays: [] },
  { name: '春节', from: '2027-02-05', to: '2027-02-13', makeUpDays: ['2027-01-31', '2027-02-14'] },
  { name: '清明节', from: '2027-04-03', to: '2027-04-05', makeUpDays: [] },
  { name: '劳动节', from: '2027-05-01', to: '2027-05-05', makeUpDays: ['2027-05-08'] },
  { name: '端午节', from: '2027-06-09', to: '2027-06-09', makeUpDays: [] },
  { name: '中秋节', from: '2027-09-15', to: '2027-09-15', makeUpDays: [] },
  { name: '国庆节', from: '2027-10-01', to: '2027-10-07', makeUpDays: ['2027-09-26', '2027-10-09'] },
];
