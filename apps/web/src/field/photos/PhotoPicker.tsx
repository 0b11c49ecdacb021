/**
 * Photos from the camera (or the gallery), shrunk on the phone (shrink.ts) and shown as thumbnails until the form
 * is sent or kept as a draft. The file input has its own label: on a phone it opens the camera.
 */
import { useEffect, useMemo } from 'react';
import { Image } from 'antd-mobile';
import { CloseCircleFill, CameraOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { shrinkPhoto } from '../../shared/photos/shrink.ts';

export interface PickedPhoto {
  blob: Blob;
  name: string;
  takenAt: string;
}

export function PhotoPicker({ label, photos, onChange, max = 9 }: { label: string; photos: PickedPhoto[]; onChange: (p: PickedPhoto[]) => void; max?: number }) {
  const { t } = useTranslation();
  const urls = useMemo(() => photos.map((p) => URL.createObjectURL(p.blob)), [photos]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    const picked: PickedPhoto[] = [];
    for (const f of Array.from(files).slice(0, max - photos.length)) {
      picked.push({ blob: await shrinkPhoto(f), name: f.name.replace(/\.[^.]+$/, '') + '.jpg', takenAt: new Date(f.lastModified || Date.now()).toISOString() });
    }
    onChange([...photos, ...picked]);
  };
  return (
    <div className="field-photo-grid" role="group" aria-label={label}>
      {urls.map((u, i) => (
        <div key={u} className="field-photo">
          <Image src={u} width={80} height={80} fit="cover" alt={`${label} ${i + 1}`} />
          <button type="button" className="field-photo-remove" aria-label={`${t('fieldApp.outbox.discard')} ${i + 1}`} onClick={() => onChange(photos.filter((_, j) => j !== i))}>
            <CloseCircleFill />
          </button>
        </div>
      ))}
      {photos.length < max && (
        <label className="field-photo-add">
          <CameraOutline fontSize={28} />
          <span>{t('fieldApp.report.addPhoto')}</span>
          <input type="file" accept="image/*" capture="environment" multiple aria-label={`${label}：${t('fieldApp.report.addPhoto')}`} onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
        </label>
      )}
    </div>
  );
}
