/**
 * An imported articles file read into rows of text by column name: CSV (UTF-8, with or without BOM; comma,
 * semicolon or tab) or an .xlsx workbook (its first sheet; exceljs). Rows are numbered as a spreadsheet numbers
 * them, the header being row 1. Refusals of the whole file (not UTF-8, no header, an unknown or missing column,
 * too many rows, a workbook that would inflate beyond reason) are 422s naming the file or the column.
 */
import { ARTICLE_FILE_COLUMNS, ARTICLE_IMPORT_MAX_ROWS } from '@liandong/contracts';
import { CsvSyntaxError, parseCsvRecords } from '../shared/csv.ts';
import { DomainError } from '../shared/errors.ts';

export type ArticleColumn = (typeof ARTICLE_FILE_COLUMNS)[number];
export interface ArticleFileRow {
  row: number;
  values: Partial<Record<ArticleColumn, string>>;
}

const REQUIRED: readonly ArticleColumn[] = ['title', 'body'];
/** What the workbook's parts may add up to once inflated (an .xlsx is a zip; a small one can inflate hugely). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const fileError = (field: string, zh: string, en: string) => new DomainError(422, 'knowledge_import_invalid', { zh: `导入文件有误：${zh}`, en: `The import file is wrong: ${en}` }, field);

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export async function readArticleFile(bytes: Uint8Array): Promise<ArticleFileRow[]> {
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  const [header, ...rows] = table;
  if (!header) throw fileError('file', '文件是空的', 'the file is empty');
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const columns: (ArticleColumn | null)[] = [];
  for (const [i, name] of names.entries()) {
    if (name === '') {
      columns.push(null);
      continue;
    }
    if (!(ARTICLE_FILE_COLUMNS as readonly string[]).includes(name)) {
      throw fileError(name, `第 1 行第 ${i + 1} 列「${name}」不是可导入的列（可用列：${ARTICLE_FILE_COLUMNS.join(', ')}）`, `column ${i + 1} of row 1, “${name}”, is not a column of the format (${ARTICLE_FILE_COLUMNS.join(', ')})`);
    }
    if (columns.includes(name as ArticleColumn)) throw fileError(name, `列「${name}」出现了两次`, `the column “${name}” appears twice`);
    columns.push(name as ArticleColumn);
  }
  const missing = REQUIRED.find((c) => !columns.includes(c));
  if (missing) throw fileError(missing, `缺少列「${missing}」（第 1 行应为列名，与导出的文件相同）`, `no column “${missing}” (row 1 names the columns, as in the export)`);
  const data = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!data.length) throw fileError('file', '没有数据行', 'there is no row of data');
  if (data.length > ARTICLE_IMPORT_MAX_ROWS) throw fileError('file', `一次最多导入 ${ARTICLE_IMPORT_MAX_ROWS} 行，文件有 ${data.length} 行`, `at most ${ARTICLE_IMPORT_MAX_ROWS} rows at a time; the file has ${data.length}`);
  return data.map((r) => {
    const values: Partial<Record<ArticleColumn, string>> = {};
    columns.forEach((c, i) => {
      if (c) values[c] = r.cells[i] ?? '';
    });
    return { row: r.row, values };
  });
}

interface Line {
  row: number;
  cells: string[];
}

function readCsv(bytes: Uint8Array): Line[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError('file', '不是 UTF-8 编码的 CSV（请在 Excel 中另存为“CSV UTF-8”，或导入 .xlsx）', 'not a UTF-8 CSV (save it as “CSV UTF-8” in Excel, or import the .xlsx)');
  }
  try {
    return parseCsvRecords(text, { delimiter: 'auto' }).map((r, i) => ({ row: i + 1, cells: r.fields }));
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw fileError('file', `CSV 第 ${e.line} 行格式有误`, `CSV line ${e.line} is malformed`);
    throw e;
  }
}

/** The sizes a zip's central directory declares its entries inflate to, added up (Infinity when unreadable). */
export function zipInflatedSize(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Infinity;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > b.length || view.getUint32(at, true) !== 0x02014b50) return Infinity;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

type CellValue = null | undefined | string | number | boolean | Date | { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };

/** A cell as the text a user sees; a date as YYYY-MM-DD (Excel's dates are days, kept as UTC midnight). */
function cellText(v: CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as CellValue);
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Line[]> {
  if (zipInflatedSize(bytes) > MAX_INFLATED_BYTES) throw fileError('file', '工作簿解压后过大或已损坏', 'the workbook inflates too large, or is damaged');
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw fileError('file', '无法读取该 Excel 文件（请使用 .xlsx 格式）', 'the Excel file cannot be read (use .xlsx)');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fileError('file', '工作簿没有工作表', 'the workbook has no sheet');
  if (ws.rowCount > ARTICLE_IMPORT_MAX_ROWS + 1 && ws.actualRowCount > ARTICLE_IMPORT_MAX_ROWS + 1) {
    throw fileError('file', `一次最多导入 ${ARTICLE_IMPORT_MAX_ROWS} 行，文件有 ${ws.actualRowCount - 1} 行`, `at most ${ARTICLE_IMPORT_MAX_ROWS} rows at a time; the file has ${ws.actualRowCount - 1}`);
  }
  const width = Math.max(ws.getRow(1).cellCount, 1);
  const lines: Line[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, r.cellCount); c++) cells.push(cellText(r.getCell(c).value as CellValue));
    lines.push({ row: rowNumber, cells });
  });
  if (lines[0] && lines[0].row !== 1) throw fileError('file', '第 1 行应为列名', 'row 1 names the columns');
  return lines;
}
