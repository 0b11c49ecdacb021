/** A page's bar with its title and a back arrow named for assistive technology (antd-mobile's own arrow has no name). */
import type { ReactNode } from 'react';
import { NavBar } from 'antd-mobile';
import { LeftOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';

export function PortalNavBar({ onBack, children }: { onBack: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <NavBar backIcon={<LeftOutline role="img" aria-label={t('portal.back')} />} onBack={onBack}>
      {children}
    </NavBar>
  );
}
