/**
 * A phone as the field app's and the portal's users hold one: 390×844, touch, Chinese, where it stands (or nowhere).
 * Used by the journeys (journey.ts phonePage) and bench:field; it knows nothing of the test server.
 */
import type { Browser, BrowserContext } from 'playwright-core';

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
