import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('the base map setting', () => {
  it('is off by default; a tile address with its coordinate system when set', () => {
    expect(loadConfig({}).basemap).toBeNull();
    expect(loadConfig({ LIANDONG_BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png', LIANDONG_BASEMAP_CRS: 'GCJ02', LIANDONG_BASEMAP_ATTRIBUTION: '© 高德' }).basemap).toEqual({
      tiles: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      crs: 'gcj02',
      attribution: '© 高德',
    });
    expect(loadConfig({ LIANDONG_BASEMAP_URL: '/tiles/{z}/{x}/{y}.png' }).basemap?.crs).toBe('wgs84');
  });

  it('refuses an address without {z}/{x}/{y} or an unknown system, naming the setting', () => {
    expect(() => loadConfig({ LIANDONG_BASEMAP_URL: 'https://tiles.example.cn/tile.png' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIANDONG_BASEMAP_URL: 'https://t/{z}/{x}/{y}', LIANDONG_BASEMAP_CRS: 'bj54' })).toThrow(/LIANDONG_BASEMAP_CRS/);
  });
});
