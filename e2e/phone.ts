/** A phone as the field app's and the portal's users hold one: 390×844, touch, Chinese, where it stands (or nowhere). */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { diagnoseOnFailure } from './journey.ts';

export interface PhoneOptions {
  /** Where the phone says it is (WGS-84); none: it gives no position (denied, or no fix underground). */
  at?: { lng: number; lat: number } | null;
  /** metres */
  accuracy?: number;
}

export async function phoneContext(browser: Browser, opts: PhoneOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...(opts.at ? { geolocation: { longitude: opts.at.lng, latitude: opts.at.lat, accuracy: opts.accuracy ?? 8 }, permissions: ['geolocation'] } : {}),
  });
}

/** A phone's context and its first page; a failure later in the test shows what the page showed. */
export async function phonePage(browser: Browser, opts: PhoneOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, opts);
  const page = await context.newPage();
  diagnoseOnFailure(page);
  return { context, page };
}
