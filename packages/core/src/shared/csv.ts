/**
 * A small RFC 4180 CSV reader for the import screens (divisions, grids, units, components...). It takes
 * what Excel and WPS write: a UTF-8 BOM, CRLF or LF, quoted fields with delimiters, doubled quotes and
 * line breaks inside, and blank trailing lines. Each record keeps the line it starts on, so that
 * validation errors can point at the line the user sees in an editor.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** ',' by default; 'auto' picks ',', ';' or tab, whichever the first line has most of. */
  delimiter?: string;
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, zh: string, en: string) {
    super(`CSV 第 ${line} 行：${zh} / CSV line ${line}: ${en}`);
    this.name = 'CsvSyntaxError';
  }
}

export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const n = firstLine.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/** Parses CSV text into records. Records whose fields are all blank (e.g. ",,,") are skipped. */
export function parseCsvRecords(input: string, opts: CsvOptions = {}): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delim = opts.delimiter === 'auto' ? detectDelimiter(text) : (opts.delimiter ?? ',');
  if (delim.length !== 1 || delim === '"' || delim === '\n' || delim === '\r') {
    throw new Error(`Unsupported CSV delimiter: ${JSON.stringify(delim)}`);
  }
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;

  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '') {
      // Quoted field: runs to the next quote not followed by another quote.
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(openedOn, '引号未闭合', 'unterminated quoted field');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      // Anything between the closing quote and the delimiter is kept: lenient towards hand-edited files.
      continue;
    }
    if (c === delim) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Just the fields. */
export function parseCsv(input: string, opts: CsvOptions = {}): string[][] {
  return parseCsvRecords(input, opts).map((r) => r.fields);
}

export interface CsvTable {
  /** Header names, trimmed. */
  header: string[];
  rows: { line: number; values: Record<string, string> }[];
}

/**
 * The first record is the header; each later record becomes a name → value map (values trimmed, missing
 * trailing cells read as ''). Header names are matched as given; normalise them before lookup if needed.
 */
export function parseCsvTable(input: string, opts: CsvOptions = {}): CsvTable {
  const [head, ...body] = parseCsvRecords(input, opts);
  if (!head) return { header: [], rows: [] };
  const header = head.fields.map((h) => h.trim());
  const rows = body.map((r) => {
    const values: Record<string, string> = {};
    header.forEach((h, k) => {
      values[h] = (r.fields[k] ?? '').trim();
    });
    return { line: r.line, values };
  });
  return { header, rows };
}
