/** 抓拍图: a detection's snapshot as a thumbnail (its `thumb` form), enlarged on a click (its `display` form). */
import { Image, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function Snapshot({ id, alt, width = 96 }: { id: string | null; alt: string; width?: number }) {
  const { t } = useTranslation();
  if (!id) return <Typography.Text type="secondary">{t('detections.review.noSnapshot')}</Typography.Text>;
  return (
    <Image
      width={width}
      height={Math.round((width * 9) / 16)}
      style={{ objectFit: 'cover', borderRadius: 2 }}
      src={`/api/v1/files/${id}?variant=thumb`}
      preview={{ src: `/api/v1/files/${id}?variant=display` }}
      alt={alt}
    />
  );
}
