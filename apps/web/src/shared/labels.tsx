/** Small renderers shared by the pages: the traffic light, a date-time in China time, a share as a percentage. */
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

export { formatTime } from './time.ts';

/** 0.93 → 93% (a confidence, a rate). */
export const percent = (x: number) => `${Math.round(x * 100)}%`;
