/**
 * The grid worker's field app (联动巡查), served at /field/: antd-mobile in Chinese (English on the switch),
 * installable, working without signal (sw.ts keeps the shell and the data as last read; outbox/ keeps what the
 * worker makes until the server has it).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { useTranslation } from 'react-i18next';
import './field-i18n.ts';
import './field.css';
import { FieldApp } from './shell/FieldApp.tsx';

// The phone's store is asked to be kept (not cleared when space runs low): the outbox may hold a day's reports.
void navigator.storage?.persist?.().catch(() => false);
if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch(() => undefined);
}

// Offline, the data are as last read: queries keep what they have instead of turning into errors.
const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, networkMode: 'offlineFirst', staleTime: 30_000, gcTime: 24 * 3_600_000 } } });

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <QueryClientProvider client={queries}>
        <BrowserRouter basename="/field">
          <FieldApp />
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

// Once the service worker takes charge of the page, what was read before it did is read again through it, so
// that it is kept for a later start without network (the worker's sign-in, his tasks, grid and categories).
navigator.serviceWorker?.addEventListener('controllerchange', () => void queries.invalidateQueries());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
