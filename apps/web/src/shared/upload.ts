/** Uploads a file as the raw request body (POST /api/v1/files), answering its id to attach to an order or action. */
import { apiRoutes, buildPath, type UploadedFile } from '@liandong/contracts';
import i18n from '../i18n.ts';
import { ApiFailure } from './api.ts';

export async function uploadFile(file: File): Promise<UploadedFile> {
  const route = apiRoutes['files.uploadFile'];
  let res: Response;
  try {
    res = await fetch(buildPath(route.path, {}, { name: file.name }), {
      method: route.method,
      headers: { 'content-type': file.type || 'application/octet-stream', 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' },
      body: file,
    });
  } catch {
    throw new ApiFailure(0, 'network', i18n.t('error.network'));
  }
  const body = (await res.json().catch(() => null)) as (UploadedFile & { error?: { code: string; message: string } }) | null;
  if (res.ok && body) return body;
  throw new ApiFailure(res.status, body?.error?.code ?? 'unknown', body?.error?.message ?? i18n.t('error.unknown'));
}
