/**
 * Import validation errors. The message carries both languages and names the place (feature index or
 * CSV line) and the field, because it is shown as is to the operator who has to fix the file.
 */
import { DomainError } from '../shared/errors.ts';

export class ImportValidationError extends DomainError {
  constructor(
    readonly location: { feature?: number; line?: number },
    field: string,
    zh: string,
    en: string,
  ) {
    super(400, 'invalid_import', { zh, en }, field);
    this.name = 'ImportValidationError';
    this.message = `${zh} / ${en}`;
  }
}

/** An error in features[index] of a GeoJSON FeatureCollection (the field path is relative to the feature). */
export function featureError(index: number, field: string, zh: string, en: string): ImportValidationError {
  return new ImportValidationError(
    { feature: index },
    `features[${index}].${field}`,
    `第 ${index + 1} 个要素（features[${index}]）字段 ${field}：${zh}`,
    `Feature ${index + 1} (features[${index}]) field ${field}: ${en}`,
  );
}

/** An error on a CSV line (1-based, as an editor shows it). */
export function lineError(line: number, field: string, zh: string, en: string): ImportValidationError {
  return new ImportValidationError({ line }, field, `第 ${line} 行 字段 ${field}：${zh}`, `Line ${line} field ${field}: ${en}`);
}

/** An error about the file as a whole. */
export function fileError(field: string, zh: string, en: string): ImportValidationError {
  return new ImportValidationError({}, field, `文件字段 ${field}：${zh}`, `File field ${field}: ${en}`);
}
