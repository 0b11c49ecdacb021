/** The citizen portal (群众随手拍), served at /portal/: antd-mobile in Chinese (English on the switch); no account (a sign-in by SMS code shows 我的上报). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { useTranslation } from 'react-i18next';
import './portal-i18n.ts';
import './portal.css';
import { PortalApp } from './PortalApp.tsx';

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 15_000 } } });

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <QueryClientProvider client={queries}>
        <BrowserRouter basename="/portal">
          <PortalApp />
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
