/** Sends a CSV or .xlsx file of articles as the raw body of POST /api/v1/knowledge/articles/import. */
import { apiRoutes, buildPath, XLSX_TYPE, type ArticleImportResult } from '@liandong/contracts';
import i18n from '../i18n.ts';
import { ApiFailure } from '../shared/api.ts';

export async function importArticlesFile(file: File): Promise<ArticleImportResult> {
  const route = apiRoutes['knowledge.import'];
  const type = /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
  let res: Response;
  try {
    res = await fetch(buildPath(route.path, {}), {
      method: route.method,
      headers: { 'content-type': type, 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' },
      body: file,
    });
  } catch {
    throw new ApiFailure(0, 'network', i18n.t('error.network'));
  }
  const body = (await res.json().catch(() => null)) as (ArticleImportResult & { error?: { code: string; message: string; field?: string; problems?: { row: number; field: string; message: string }[] } }) | null;
  if (res.ok && body) return body;
  throw new ApiFailure(res.status, body?.error?.code ?? 'unknown', body?.error?.message ?? i18n.t('error.unknown'), body?.error?.field, body?.error?.problems);
}
