/** Small renderers shared by the pages: the traffic light, a date-time in China time, a state tag. */
import { Tag } from 'antd';
import type { Light } from '@liandong/contracts';
import { useTranslation } from 'react-i18next';

const LIGHT_COLOURS: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red' };

export function LightTag({ light }: { light: Light | null }) {
  const { t } = useTranslation();
  if (!light) return null;
  return (
    <Tag color={LIGHT_COLOURS[light]} aria-label={t(`lights.${light}`)}>
      {t(`lights.${light}`)}
    </Tag>
  );
}

/** 2026-12-06 09:30, China time whatever the browser's zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
