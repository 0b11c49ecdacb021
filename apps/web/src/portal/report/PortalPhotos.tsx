/** Photos from the camera, shrunk on the phone and uploaded at once (POST /api/v1/public/photos); their ids go with the report. */
import { useEffect, useState } from 'react';
import { Image } from 'antd-mobile';
import { CameraOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { apiRoutes } from '@liandong/contracts';
import { ApiFailure } from '../../shared/api.ts';
import { shrinkPhoto } from '../../shared/photos/shrink.ts';

export interface UploadedPhoto {
  id: string;
  url: string;
}

async function upload(blob: Blob, lang: string): Promise<string> {
  const route = apiRoutes['portal.uploadPhoto'];
  const res = await fetch(route.path, { method: route.method, headers: { 'content-type': blob.type || 'image/jpeg', 'accept-language': lang }, body: blob }).catch(() => null);
  if (!res) throw new ApiFailure(0, 'network', 'network');
  const body = (await res.json().catch(() => null)) as { id?: string; error?: { code: string; message: string } } | null;
  if (res.ok && body?.id) return body.id;
  throw new ApiFailure(res.status, body?.error?.code ?? 'unknown', body?.error?.message ?? String(res.status));
}

export function PortalPhotos({ photos, onChange, onError, max = 6 }: { photos: UploadedPhoto[]; onChange: (p: UploadedPhoto[]) => void; onError: (m: string) => void; max?: number }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []); // eslint-disable-line react-hooks/exhaustive-deps
  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const added: UploadedPhoto[] = [];
    try {
      for (const f of Array.from(files).slice(0, max - photos.length)) {
        const blob = await shrinkPhoto(f);
        added.push({ id: await upload(blob, i18n.language === 'en' ? 'en' : 'zh-CN'), url: URL.createObjectURL(blob) });
      }
    } catch (e) {
      onError(e instanceof ApiFailure && e.status ? e.message : t('error.network'));
    } finally {
      setBusy(false);
      onChange([...photos, ...added]);
    }
  };
  const label = t('portal.report.photos');
  return (
    <div className="portal-photo-grid" role="group" aria-label={label}>
      {photos.map((p, i) => (
        <Image key={p.id} src={p.url} width={80} height={80} fit="cover" alt={`${label} ${i + 1}`} />
      ))}
      {photos.length < max && (
        <label className="portal-photo-add">
          <CameraOutline fontSize={28} />
          <span>{busy ? t('portal.report.uploading') : t('portal.report.addPhoto')}</span>
          <input type="file" accept="image/*" capture="environment" multiple disabled={busy} aria-label={t('portal.report.addPhoto')} onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
        </label>
      )}
    </div>
  );
}
