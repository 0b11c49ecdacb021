/** The command-centre console (指挥中心工作台): antd in Chinese (English on the switch), server state in react-query. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import './i18n.ts';
import './console.css';
import { App } from './App.tsx';

/** Who asks the system for less motion (prefers-reduced-motion) gets antd's dialogs, lists and tabs without animation. */
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } });

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1d5fb8', borderRadius: 4, motion: !REDUCED_MOTION } }}>
      <AntApp>
        <QueryClientProvider client={queries}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
