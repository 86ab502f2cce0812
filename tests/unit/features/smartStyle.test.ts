import { describe, expect, it } from 'vitest';
import { contrastRatio, isFetchableStyleUrl, parseColor, parseFontFamily, parseLength, styleVariables } from '../../../src/features/embedding/smartStyle';

describe('parseColor', () => {
  it('accepts #rgb, #rrggbb and rgb()', () => {
    expect(parseColor('#abc')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(parseColor(' #EDEAE3 ')).toEqual({ r: 0xed, g: 0xea, b: 0xe3 });
    expect(parseColor('rgb(10, 20, 30)')).toEqual({ r: 10, g: 20, b: 30 });
  });

  it('refuses everything else', () => {
    for (const bad of ['red', 'rgb(300,0,0)', '#abcd', 'url(x)', 'var(--x)', '#fff;background:url(x)', 'expression(alert(1))', '', 42, null, undefined, {}]) {
      expect(parseColor(bad)).toBeUndefined();
    }
  });
});

describe('parseLength', () => {
  it('accepts px/rem/em within bounds', () => {
    expect(parseLength('6px', 0, 24)).toBe('6px');
    expect(parseLength('1.5rem', 0, 32)).toBe('1.5rem');
    expect(parseLength('100px', 0, 24)).toBeUndefined();
    for (const bad of ['calc(100vw)', '6', '-4px', '6px;color:red', '1e3px', 'inherit', 6]) expect(parseLength(bad, 0, 1000)).toBeUndefined();
  });
});

describe('parseFontFamily', () => {
  it('accepts lists of plain or quoted names', () => {
    expect(parseFontFamily('Georgia, Times, "Times New Roman", serif')).toBe('Georgia, Times, "Times New Roman", serif');
    expect(parseFontFamily("'Helvetica Neue',Arial")).toBe("'Helvetica Neue', Arial");
  });

  it('refuses anything that could escape the declaration', () => {
    for (const bad of ['x; background: url(javascript:alert(1))', 'Arial}body{display:none', '"unterminated', '\\66 oo', 'a/**/b', '"a" "b"', '', 'x'.repeat(400)]) {
      expect(parseFontFamily(bad)).toBeUndefined();
    }
  });
});

describe('styleVariables', () => {
  it('maps the SMART style keys to the app’s CSS variables', () => {
    expect(
      styleVariables({
        color_background: '#edeae3',
        color_error: '#9e2d2d',
        color_highlight: '#69b5ce',
        color_modal_backdrop: '',
        color_success: '#498e49',
        color_text: '#303030',
        dim_border_radius: '6px',
        dim_font_size: '13px',
        dim_spacing_size: '20px',
        font_family_body: 'Georgia, Times, "Times New Roman", serif',
        font_family_heading: '"HelveticaNeue-Light", Helvetica, Arial, "Lucida Grande", sans-serif',
      }),
    ).toEqual({
      '--color-bg': '#edeae3',
      '--color-danger': '#9e2d2d',
      '--color-accent': '#69b5ce',
      '--color-success': '#498e49',
      '--color-text': '#303030',
      '--radius': '6px',
      '--font-size': '13px',
      '--space': '20px',
      '--font-family': 'Georgia, Times, "Times New Roman", serif',
      '--font-family-heading': '"HelveticaNeue-Light", Helvetica, Arial, "Lucida Grande", sans-serif',
    });
  });

  it('drops invalid values and text colours that would be unreadable', () => {
    const vars = styleVariables({ color_text: '#eeeeee', color_error: '#ff9999', color_background: 'javascript:alert(1)', dim_font_size: '2px', unknown_key: '#000' });
    expect(vars).toEqual({});
  });

  it('ignores documents that are not objects', () => {
    expect(styleVariables(null)).toEqual({});
    expect(styleVariables(['#fff'])).toEqual({});
    expect(styleVariables('color_text')).toEqual({});
  });

  it('checks contrast with the WCAG formula', () => {
    expect(contrastRatio({ r: 0, g: 0, b: 0 }, { r: 255, g: 255, b: 255 })).toBeCloseTo(21, 5);
  });
});

describe('isFetchableStyleUrl', () => {
  it('fetches http(s) URLs only', () => {
    expect(isFetchableStyleUrl('https://ehr.example.org/style.json')).toBe(true);
    expect(isFetchableStyleUrl('javascript:alert(1)')).toBe(false);
    expect(isFetchableStyleUrl('data:application/json,{}')).toBe(false);
    expect(isFetchableStyleUrl('not a url')).toBe(false);
    expect(isFetchableStyleUrl(undefined)).toBe(false);
  });
});
