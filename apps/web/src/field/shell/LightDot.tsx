import { Tag } from 'antd-mobile';
import type { Light } from '@liandong/contracts';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<Light, string> = { green: '#1a7f37', yellow: '#9a6700', red: '#c62828' };

/** The traffic light of an order's running clock (绿/黄/红灯), in words as well as colour. */
export function LightDot({ light }: { light: Light | null }) {
  const { t } = useTranslation();
  if (!light) return null;
  return (
    <Tag color={COLOURS[light]} fill="solid">
      {t(`lights.${light}`)}
    </Tag>
  );
}
