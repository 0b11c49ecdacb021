/** A history that breaks a rule of the live platform is a generator bug: it must never be written. */
export class HistoryBug extends Error {
  override name = 'HistoryBug';
}
