/** The big screen (大屏), served at /screen: a 1920×1080 stage scaled to the wall, live over server-sent events. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './screen-i18n.ts';
import './screen.css';
import { ScreenApp } from './ScreenApp.tsx';

const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <ScreenApp />
    </QueryClientProvider>
  </StrictMode>,
);
