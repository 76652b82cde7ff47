import { describe, expect, it } from 'vitest';
import { composeSvgDocument, escapeXml, exportFileName, unionBox, type Layer } from './exportChart';

const STYLE = { fill: 'rgb(27, 31, 36)', fontFamily: 'system-ui, "Segoe UI"', fontSize: '12px', fontWeight: '600', fontStyle: 'normal' };

/** Tags in order, to check the document is balanced XML without a DOM. */
function checkBalanced(xml: string): void {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
}

describe('exportFileName', () => {
  it('is the widget id and the local date and time', () => {
    expect(exportFileName('forward-scrubber', 'png', new Date(2025, 2, 7, 14, 5))).toBe('forward-scrubber-2025-03-07-1405.png');
    expect(exportFileName('eps-field', 'webm', new Date(2024, 11, 31, 9, 0))).toBe('eps-field-2024-12-31-0900.webm');
  });

  it('keeps only safe characters', () => {
    expect(exportFileName('../a b/c', 'svg', new Date(2025, 0, 1, 0, 0))).toBe('a-b-c-2025-01-01-0000.svg');
    expect(exportFileName('///', 'svg', new Date(2025, 0, 1, 0, 0))).toBe('widget-2025-01-01-0000.svg');
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`a<b & "c" > 'd'`)).toBe('a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;');
  });
});

describe('unionBox', () => {
  it('covers every box, grown by the padding', () => {
    const box = unionBox(
      [
        { x: 10, y: 20, width: 100, height: 50 },
        { x: 150, y: 5, width: 30, height: 30 },
      ],
      4,
    );
    // x from 10 to 180, y from 5 to 70, then 4 px more on each side.
    expect(box).toEqual({ x: 6, y: 1, width: 178, height: 73 });
  });

  it('is null for no boxes', () => {
    expect(unionBox([])).toBeNull();
  });
});

describe('composeSvgDocument', () => {
  const layers: Layer[] = [
    { kind: 'image', box: { x: 12, y: 12, width: 300, height: 300 }, href: 'data:image/png;base64,AAAA' },
    { kind: 'svg', markup: '<svg xmlns="http://www.w3.org/2000/svg" x="12" y="12" width="300" height="300"><rect width="10" height="10"/></svg>' },
    { kind: 'text', box: { x: 40, y: 320, width: 80, height: 16 }, text: 'x < 3 & y', style: STYLE, vertical: false },
    { kind: 'text', box: { x: 0, y: 100, width: 16, height: 120 }, text: 'second coordinate', style: STYLE, vertical: true },
    { kind: 'rect', box: { x: 200, y: 330, width: 20, height: 2 }, fill: null, radius: 0, topLine: { color: '#d55e00', width: 2 } },
    { kind: 'rect', box: { x: 230, y: 326, width: 10, height: 10 }, fill: '#0072b2', radius: 50, topLine: null },
  ];
  const doc = composeSvgDocument(layers, { width: 324, height: 340.5, background: 'rgb(255, 255, 255)', title: 'forward <process>' });

  it('is one balanced SVG document of the given size', () => {
    expect(doc.startsWith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="324" height="340.5" viewBox="0 0 324 340.5">')).toBe(true);
    expect(doc.endsWith('</svg>')).toBe(true);
    checkBalanced(doc);
  });

  it('draws the background first and keeps the layers in order', () => {
    const order = ['<title>forward &lt;process&gt;</title>', '<rect width="100%" height="100%" fill="rgb(255, 255, 255)"/>', '<image ', '<svg xmlns="http://www.w3.org/2000/svg" x="12"', '>x &lt; 3 &amp; y<', '>second coordinate<', '<line ', 'fill="#0072b2"'];
    const positions = order.map((s) => doc.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('places a canvas as an image at its box', () => {
    expect(doc).toContain('<image x="12" y="12" width="300" height="300" href="data:image/png;base64,AAAA" xlink:href="data:image/png;base64,AAAA" preserveAspectRatio="none"/>');
  });

  it('centres text vertically on its box, and turns vertical text to read bottom to top about its centre', () => {
    // Horizontal: starts at the box's left edge, baseline through the middle (320 + 16/2).
    expect(doc).toContain('<text x="40" y="328" dominant-baseline="central"');
    // Vertical: centre (0 + 16/2, 100 + 120/2) = (8, 160), rotated −90°.
    expect(doc).toContain('transform="translate(8,160) rotate(-90)" text-anchor="middle"');
    expect(doc).toContain('font-family="system-ui, &quot;Segoe UI&quot;"');
  });

  it('draws a CSS swatch: a top border as a line through the border, a round fill with its radius capped at half the size', () => {
    // A 2 px top border's centre line is 1 px below the box top.
    expect(doc).toContain('<line x1="200" x2="220" y1="331" y2="331" stroke="#d55e00" stroke-width="2"/>');
    expect(doc).toContain('<rect x="230" y="326" width="10" height="10" rx="5" fill="#0072b2"/>');
  });

  it('has no background rectangle when none is asked for', () => {
    const bare = composeSvgDocument([], { width: 10, height: 10 });
    expect(bare).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" viewBox="0 0 10 10"></svg>');
  });
});
