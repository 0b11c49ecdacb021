/** The portal's two top pages, as the tabs at the bottom of a 政务 H5 page: 首页 and 我的. */
import { TabBar } from 'antd-mobile';
import { AppOutline, UserOutline } from 'antd-mobile-icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

export function PortalTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = [
    { key: '/', title: t('portal.tabs.home'), icon: <AppOutline /> },
    { key: '/mine', title: t('portal.tabs.mine'), icon: <UserOutline /> },
  ];
  return (
    <nav className="portal-tabbar" aria-label={t('portal.app.title')}>
      <TabBar activeKey={pathname === '/mine' ? '/mine' : '/'} onChange={(k) => navigate(k)} safeArea>
        {tabs.map((x) => (
          <TabBar.Item key={x.key} title={x.title} icon={x.icon} aria-label={x.title} />
        ))}
      </TabBar>
    </nav>
  );
}
