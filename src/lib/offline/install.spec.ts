/**
 * Installing on iOS and Android reads the manifest, the icons and a few tags of app.html: checked
 * here against the files that ship (a broken icon or a mismatched colour fails).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('static/manifest.webmanifest', 'utf8')) as {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
};
const html = readFileSync('src/app.html', 'utf8');

/** Width, height and colour type from a PNG's header (colour type 2 is RGB without alpha). */
function png(path: string) {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

const attribute = (pattern: RegExp) => pattern.exec(html)?.[1];

describe('install on a phone', () => {
  it('the manifest opens standalone at the app, in the colours of the page', () => {
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('./');
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    expect(manifest.theme_color).toBe(attribute(/name="theme-color" content="([^"]+)"/));
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('every icon the manifest names exists at its declared size; Android gets 192, 512 and maskable', () => {
    for (const icon of manifest.icons) {
      if (icon.type !== 'image/png') continue;
      const { width, height } = png(`static/${icon.src}`);
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
  });

  it('iOS gets an opaque touch icon of at least 180 px, a title and standalone launch', () => {
    const href = attribute(/rel="apple-touch-icon" href="%sveltekit\.assets%\/([^"]+)"/);
    expect(href).toBeDefined();
    const icon = png(`static/${href}`);
    // iOS draws transparent pixels black: the icon must carry no alpha channel.
    expect(icon.colourType).toBe(2);
    expect(Math.min(icon.width, icon.height)).toBeGreaterThanOrEqual(180);
    expect(attribute(/name="apple-mobile-web-app-title" content="([^"]+)"/)).toBe(
      manifest.short_name,
    );
    expect(attribute(/name="apple-mobile-web-app-capable" content="([^"]+)"/)).toBe('yes');
  });
});
