// smart_style_url: the EHR's look (SMART App Launch "styling"). The file comes from another server, so every value
// is checked against a strict grammar before it becomes a CSS custom property: colours (#rgb, #rrggbb, rgb()),
// lengths (px/rem/em, in a sane range) and font-family lists made of names and quotes only. Anything else is
// dropped, and text colours that would be unreadable on the app's surfaces are dropped too.

export type StyleVariables = Partial<Record<`--${string}`, string>>;

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const RGB = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/i;

/** A colour we accept, parsed; undefined for anything else (names, rgba, var(), url(), expressions …). */
export function parseColor(value: unknown): Rgb | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const hex = HEX.exec(text);
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
    return { r: parseInt(digits.slice(0, 2), 16), g: parseInt(digits.slice(2, 4), 16), b: parseInt(digits.slice(4, 6), 16) };
  }
  const rgb = RGB.exec(text);
  if (rgb) {
    const [r, g, b] = rgb.slice(1).map(Number) as [number, number, number];
    if ([r, g, b].every((c) => c <= 255)) return { r, g, b };
  }
  return undefined;
}

const toHex = ({ r, g, b }: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance and contrast ratio. */
export function luminance({ r, g, b }: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const LENGTH = /^(\d{1,3}(?:\.\d{1,3})?)(px|rem|em)$/;

/** A length within [min, max] px (rem/em counted as 16 px); undefined otherwise. */
export function parseLength(value: unknown, minPx: number, maxPx: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = LENGTH.exec(value.trim());
  if (!match) return undefined;
  const px = Number(match[1]) * (match[2] === 'px' ? 1 : 16);
  return px >= minPx && px <= maxPx ? `${match[1]}${match[2]}` : undefined;
}

const FAMILY = /^(?:"[A-Za-z0-9 -]{1,60}"|'[A-Za-z0-9 -]{1,60}'|[A-Za-z][A-Za-z0-9-]*(?: [A-Za-z0-9-]+)*)$/;

/** A comma-separated font-family list of plain names (quoted or not); undefined if anything else appears. */
export function parseFontFamily(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 300) return undefined;
  const families = value.split(',').map((f) => f.trim());
  if (families.length === 0 || families.length > 10 || !families.every((f) => FAMILY.test(f))) return undefined;
  return families.join(', ');
}

/** What the app's surfaces look like (see styles.css); text colours must stay readable on both. */
const SURFACE: Rgb = { r: 255, g: 255, b: 255 };
const MIN_TEXT_CONTRAST = 4.5;

/**
 * Maps a SMART style document to the CSS variables styles.css uses. Unknown keys and invalid values are ignored.
 * The returned values are safe to pass to `style.setProperty`.
 */
export function styleVariables(doc: unknown): StyleVariables {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return {};
  const style = doc as Record<string, unknown>;
  const vars: StyleVariables = {};

  const background = parseColor(style.color_background);
  const pageBg = background ?? { r: 0xf6, g: 0xf7, b: 0xf9 };
  if (background) vars['--color-bg'] = toHex(background);

  const readable = (key: string, name: `--${string}`) => {
    const color = parseColor(style[key]);
    if (color && contrastRatio(color, SURFACE) >= MIN_TEXT_CONTRAST && contrastRatio(color, pageBg) >= MIN_TEXT_CONTRAST) vars[name] = toHex(color);
  };
  readable('color_text', '--color-text');
  readable('color_error', '--color-danger');

  // Accents: borders, indicators and chart bands, never text.
  const accent = (key: string, name: `--${string}`) => {
    const color = parseColor(style[key]);
    if (color) vars[name] = toHex(color);
  };
  accent('color_highlight', '--color-accent');
  accent('color_success', '--color-success');
  accent('color_modal_backdrop', '--color-backdrop');

  const radius = parseLength(style.dim_border_radius, 0, 24);
  if (radius) vars['--radius'] = radius;
  const fontSize = parseLength(style.dim_font_size, 12, 24);
  if (fontSize) vars['--font-size'] = fontSize;
  const spacing = parseLength(style.dim_spacing_size, 4, 32);
  if (spacing) vars['--space'] = spacing;

  const body = parseFontFamily(style.font_family_body);
  if (body) vars['--font-family'] = body;
  const heading = parseFontFamily(style.font_family_heading);
  if (heading) vars['--font-family-heading'] = heading;
  return vars;
}

/** Only http(s) style URLs are fetched. */
export function isFetchableStyleUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
