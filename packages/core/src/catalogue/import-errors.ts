import { DomainError } from '../shared/errors.ts';

/** Where a CSV value sits: the physical line and the column (1-based index and header name). */
export interface CsvPosition {
  line: number;
  column?: { index: number; name: string };
}

/**
 * A rejected catalogue import. The message names the line and column in Chinese and English so that a
 * user can fix the file in a spreadsheet; nothing of the file has been written when this is thrown.
 */
export class CatalogueImportError extends DomainError {
  readonly line: number;
  readonly column?: string;

  constructor(at: CsvPosition, zh: string, en: string) {
    const whereZh = at.column ? `第 ${at.line} 行第 ${at.column.index} 列（${at.column.name}）` : `第 ${at.line} 行`;
    const whereEn = at.column ? `line ${at.line}, column ${at.column.index} (${at.column.name})` : `line ${at.line}`;
    const messages = { zh: `目录导入失败，${whereZh}：${zh}`, en: `Catalogue import failed at ${whereEn}: ${en}` };
    super(422, 'catalogue_import_invalid', messages, at.column?.name);
    this.name = 'CatalogueImportError';
    this.message = `${messages.zh} / ${messages.en}`;
    this.line = at.line;
    this.column = at.column?.name;
  }
}
