/**
 * PNG and SVG export of a widget's charts.
 *
 * A widget may hold several charts (two panels side by side, a canvas of points under an SVG of
 * axes, a colour legend below a heatmap). Export composes ALL of them into one picture, each at
 * the place it has on the page, so the file shows what the reader sees, overlays included;
 * the widget's controls, prose readouts and caption are left out. Chart titles and legends that
 * are HTML (not SVG) come along as SVG text and shapes, because colour means something only with
 * its legend.
 *
 * - SVG charts are serialised with their computed styles inlined (the file has no stylesheet), so
 *   they look as on the page, in the page's theme. The text is plain SVG text in the page's font
 *   stack (system fonts): no KaTeX and no font files, so nothing is fetched or embedded.
 * - Canvas charts: a PNG is drawn straight from the canvas pixels; in an SVG file a canvas can only
 *   be a raster, so it is embedded as a PNG `<image>` (data URL) at its place.
 *
 * The pure string helpers come first (unit-tested under Node); the DOM walking follows.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextStyle {
  fill: string;
  fontFamily: string;
  fontSize: string;
  fontWeight: string;
  fontStyle: string;
}

/** One positioned piece of the exported picture, in CSS pixels from its top-left corner. */
export type Layer =
  /** A serialised `<svg>` whose root already carries x, y, width and height. */
  | { kind: 'svg'; markup: string }
  /** A raster (a canvas's pixels as a data URL). */
  | { kind: 'image'; box: Box; href: string }
  /**
   * A line of HTML text (a title or a legend entry). `vertical` reads bottom to top. `live` reads
   * the text as it is now (a recording redraws readouts that change while it runs).
   */
  | { kind: 'text'; box: Box; text: string; style: TextStyle; vertical: boolean; live?: () => string }
  /** A CSS-drawn swatch: a filled box and/or a top border line. */
  | { kind: 'rect'; box: Box; fill: string | null; radius: number; topLine: { color: string; width: number } | null };

/** `forward-scrubber-2025-03-07-1405.png`: the widget id and the local date and time. */
export function exportFileName(widgetId: string, ext: string, date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const safeId = widgetId.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '') || 'widget';
  const stamp = `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
  return `${safeId}-${stamp}.${ext}`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The smallest box holding every box, grown by `pad` on each side; null for none. */
export function unionBox(boxes: readonly Box[], pad = 0): Box | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad };
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

function layerMarkup(layer: Layer): string {
  switch (layer.kind) {
    case 'svg':
      return layer.markup;
    case 'image': {
      const { x, y, width, height } = layer.box;
      const href = escapeXml(layer.href);
      return `<image x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" href="${href}" xlink:href="${href}" preserveAspectRatio="none"/>`;
    }
    case 'text': {
      const { box, style } = layer;
      const font = `font-family="${escapeXml(style.fontFamily)}" font-size="${escapeXml(style.fontSize)}" font-weight="${escapeXml(style.fontWeight)}" font-style="${escapeXml(style.fontStyle)}" fill="${escapeXml(style.fill)}"`;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      if (layer.vertical) {
        return `<text x="0" y="0" transform="translate(${num(cx)},${num(cy)}) rotate(-90)" text-anchor="middle" dominant-baseline="central" ${font}>${escapeXml(layer.text)}</text>`;
      }
      return `<text x="${num(box.x)}" y="${num(cy)}" dominant-baseline="central" ${font}>${escapeXml(layer.text)}</text>`;
    }
    case 'rect': {
      const { x, y, width, height } = layer.box;
      let out = '';
      if (layer.fill) {
        out += `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" rx="${num(Math.min(layer.radius, width / 2, height / 2))}" fill="${escapeXml(layer.fill)}"/>`;
      }
      if (layer.topLine) {
        const ly = y + layer.topLine.width / 2;
        out += `<line x1="${num(x)}" x2="${num(x + width)}" y1="${num(ly)}" y2="${num(ly)}" stroke="${escapeXml(layer.topLine.color)}" stroke-width="${num(layer.topLine.width)}"/>`;
      }
      return out;
    }
  }
}

/**
 * A standalone SVG document of `width` × `height` CSS pixels holding the layers in order (later
 * ones on top), over an optional background colour.
 */
export function composeSvgDocument(layers: readonly Layer[], size: { width: number; height: number; background?: string | null; title?: string }): string {
  const w = num(size.width);
  const h = num(size.height);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
  ];
  if (size.title) parts.push(`<title>${escapeXml(size.title)}</title>`);
  if (size.background) parts.push(`<rect width="100%" height="100%" fill="${escapeXml(size.background)}"/>`);
  for (const layer of layers) parts.push(layerMarkup(layer));
  parts.push('</svg>');
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// DOM: find the charts in a widget and turn them into layers.

/** Parts of a widget that are not its charts. */
const EXCLUDED = '.widget-toolbar, .present-hint, .widget-controls, .widget-readout, .setting-control, .settings-bar, .widget-settings, label, input, select, textarea';
/** HTML text that belongs to a chart: titles, axis labels written in HTML, legends. */
const CHART_TEXT = 'figcaption, [class*="legend"], [class*="title"], [class*="xlabel"], [class*="ylabel"], .trajectory-t, [data-export-label]';

/** SVG presentation properties copied from the computed style; `inherited` ones may be skipped when the parent has the same value. */
const SVG_PROPS: readonly { name: string; inherited: boolean; initial?: string }[] = [
  { name: 'fill', inherited: true },
  { name: 'fill-opacity', inherited: true, initial: '1' },
  { name: 'fill-rule', inherited: true, initial: 'nonzero' },
  { name: 'stroke', inherited: true, initial: 'none' },
  { name: 'stroke-width', inherited: true, initial: '1px' },
  { name: 'stroke-opacity', inherited: true, initial: '1' },
  { name: 'stroke-dasharray', inherited: true, initial: 'none' },
  { name: 'stroke-dashoffset', inherited: true, initial: '0px' },
  { name: 'stroke-linecap', inherited: true, initial: 'butt' },
  { name: 'stroke-linejoin', inherited: true, initial: 'miter' },
  { name: 'paint-order', inherited: true, initial: 'normal' },
  { name: 'font-family', inherited: true },
  { name: 'font-size', inherited: true },
  { name: 'font-weight', inherited: true, initial: '400' },
  { name: 'font-style', inherited: true, initial: 'normal' },
  { name: 'font-variant-numeric', inherited: true, initial: 'normal' },
  { name: 'letter-spacing', inherited: true, initial: 'normal' },
  { name: 'text-anchor', inherited: true, initial: 'start' },
  { name: 'dominant-baseline', inherited: true, initial: 'auto' },
  { name: 'visibility', inherited: true, initial: 'visible' },
  { name: 'shape-rendering', inherited: true, initial: 'auto' },
  { name: 'opacity', inherited: false, initial: '1' },
  { name: 'display', inherited: false },
  { name: 'stop-color', inherited: false, initial: 'rgb(0, 0, 0)' },
  { name: 'stop-opacity', inherited: false, initial: '1' },
  { name: 'vector-effect', inherited: false, initial: 'none' },
];

function inlineStyles(original: Element, clone: Element, parentStyle: CSSStyleDeclaration | null): void {
  const style = getComputedStyle(original);
  const decls: string[] = [];
  for (const { name, inherited, initial } of SVG_PROPS) {
    const value = style.getPropertyValue(name);
    if (!value) continue;
    if (name === 'display' && (value === 'inline' || value === 'block')) continue;
    if (inherited && parentStyle ? parentStyle.getPropertyValue(name) === value : value === initial) continue;
    decls.push(`${name}:${value}`);
  }
  if (decls.length > 0) clone.setAttribute('style', decls.join(';'));
  else clone.removeAttribute('style');
  const children = original.children;
  const cloneChildren = clone.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    const cc = cloneChildren[i];
    if (c && cc) inlineStyles(c, cc, style);
  }
}

/** One `<svg>` with its computed styles inlined, placed at `box` (relative to the export's corner). */
export function serialiseSvg(svg: SVGSVGElement, box: Box): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // The root's inherited values are written out in full (it has no parent in the file).
  inlineStyles(svg, clone, null);
  clone.setAttribute('x', num(box.x));
  clone.setAttribute('y', num(box.y));
  clone.setAttribute('width', num(box.width));
  clone.setAttribute('height', num(box.height));
  clone.removeAttribute('class');
  clone.removeAttribute('aria-hidden');
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${num(box.width)} ${num(box.height)}`);
  return new XMLSerializer().serializeToString(clone);
}

function isShown(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

function outermost(elements: Element[]): Element[] {
  return elements.filter((el) => !elements.some((other) => other !== el && other.contains(el)));
}

const toBox = (r: DOMRect, origin: { x: number; y: number }): Box => ({ x: r.left - origin.x, y: r.top - origin.y, width: r.width, height: r.height });

const transparent = (c: string): boolean => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);

export interface ChartScene {
  width: number;
  height: number;
  background: string;
  canvases: { canvas: HTMLCanvasElement; box: Box }[];
  /** SVG charts and HTML text/swatches, in page order. */
  overlay: Layer[];
}

/** Finds the charts inside `root` (a widget's figure) and lays them out for export. */
export function collectChartScene(root: Element, pad = 12): ChartScene | null {
  const inChart = (el: Element) => !el.closest(EXCLUDED) || el.closest(CHART_TEXT) !== null;
  const svgs = Array.from(root.querySelectorAll('svg')).filter((s) => !s.parentElement?.closest('svg') && inChart(s) && isShown(s));
  const canvases = Array.from(root.querySelectorAll('canvas')).filter((c) => !c.closest(EXCLUDED) && isShown(c));
  if (svgs.length === 0 && canvases.length === 0) return null;
  // The root figure's own caption is prose about the widget, not a chart title.
  const texts = outermost(Array.from(root.querySelectorAll(CHART_TEXT)).filter((el) => el instanceof HTMLElement && el.parentElement !== root && !el.closest('.widget-toolbar, .present-hint') && isShown(el)));

  const boxes = [...svgs, ...canvases, ...texts].map((el) => el.getBoundingClientRect());
  const rootRect = { x: 0, y: 0 };
  const area = unionBox(boxes.map((r) => toBox(r, rootRect)), pad);
  if (!area) return null;
  const origin = { x: area.x, y: area.y };

  const overlay: { el: Element; layers: Layer[] }[] = [];
  for (const svg of svgs) overlay.push({ el: svg, layers: [{ kind: 'svg', markup: serialiseSvg(svg, toBox(svg.getBoundingClientRect(), origin)) }] });
  for (const container of texts) overlay.push({ el: container, layers: htmlLayers(container, origin) });
  // Page order, so later things are drawn on top as on the page.
  overlay.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));

  return {
    width: area.width,
    height: area.height,
    background: backgroundOf(root),
    canvases: canvases.map((canvas) => ({ canvas, box: toBox(canvas.getBoundingClientRect(), origin) })),
    overlay: overlay.flatMap((o) => o.layers),
  };
}

/** The colour behind the widget (its card, else the page), so the export matches the theme. */
function backgroundOf(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (!transparent(c)) return c;
  }
  return '#ffffff';
}

const tidy = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

function rangeRect(node: Text, start: number, end: number): DOMRect {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  return range.getBoundingClientRect();
}

/**
 * A text node as the lines the page wrapped it into (a long title may take two), each with its
 * own box. Lines are found character by character, not word by word: a word may itself be broken
 * across lines (at the hyphen of "signal-to-noise"), and measured whole it would give one box two
 * lines tall, its text drawn between the lines over the next one's (issue 12, item 9).
 */
export function textLines(node: Text): { text: string; rect: DOMRect }[] {
  const whole = document.createRange();
  whole.selectNodeContents(node);
  if (whole.getClientRects().length <= 1) {
    // Measured without leading and trailing spaces, which the SVG text drops.
    const first = node.data.search(/\S/);
    return [{ text: tidy(node.data), rect: rangeRect(node, Math.max(0, first), node.data.trimEnd().length) }];
  }
  const lines: { start: number; end: number; left: number; top: number; right: number; bottom: number }[] = [];
  const data = node.data;
  for (let i = 0; i < data.length; ) {
    const code = data.codePointAt(i)!;
    const end = i + (code > 0xffff ? 2 : 1);
    if (!/\s/.test(data[i]!)) {
      const r = rangeRect(node, i, end);
      if (r.width > 0 || r.height > 0) {
        const last = lines[lines.length - 1];
        if (last && Math.abs(r.top - last.top) < r.height / 2) {
          last.end = end;
          last.left = Math.min(last.left, r.left);
          last.right = Math.max(last.right, r.right);
          last.top = Math.min(last.top, r.top);
          last.bottom = Math.max(last.bottom, r.bottom);
        } else {
          lines.push({ start: i, end, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        }
      } else if (lines.length > 0) {
        lines[lines.length - 1]!.end = end; // a combining mark: it belongs with its letter
      }
    }
    i = end;
  }
  return lines.map((l) => ({ text: tidy(data.slice(l.start, l.end)), rect: new DOMRect(l.left, l.top, l.right - l.left, l.bottom - l.top) }));
}

/** Text lines and CSS swatches of one HTML chart label or legend; SVG inside it is skipped (collected as SVG). */
function htmlLayers(container: Element, origin: { x: number; y: number }): Layer[] {
  const layers: Layer[] = [];
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node instanceof Element) {
      if (node instanceof SVGElement) continue;
      const style = getComputedStyle(node);
      const swatch = node !== container && (node.textContent ?? '').trim() === '' && node.children.length === 0;
      if (!swatch || !isShown(node)) continue;
      const fill = transparent(style.backgroundColor) ? null : style.backgroundColor;
      const lineWidth = parseFloat(style.borderTopWidth) || 0;
      const topLine = lineWidth > 0 && style.borderTopStyle !== 'none' && !transparent(style.borderTopColor) ? { color: style.borderTopColor, width: lineWidth } : null;
      if (fill || topLine) layers.push({ kind: 'rect', box: toBox(node.getBoundingClientRect(), origin), fill, radius: parseFloat(style.borderTopLeftRadius) || 0, topLine });
      continue;
    }
    if (!(node instanceof Text)) continue;
    const parent = node.parentElement;
    const textNode = node;
    if (!parent || tidy(textNode.data) === '' || parent.closest('svg')) continue;
    const style = getComputedStyle(parent);
    const vertical = style.writingMode.startsWith('vertical') || style.writingMode.startsWith('sideways');
    const lines = vertical ? [{ text: tidy(textNode.data), rect: rangeRect(textNode, 0, textNode.length) }] : textLines(textNode);
    for (const line of lines) {
      if (line.rect.width < 1 || line.rect.height < 1) continue;
      layers.push({
        kind: 'text',
        box: toBox(line.rect, origin),
        text: line.text,
        vertical,
        // A ref that sets textContent replaces the text node; then the parent holds the new text.
        live: lines.length === 1 ? () => tidy(textNode.isConnected ? textNode.textContent : parent.textContent) : undefined,
        style: { fill: style.color, fontFamily: style.fontFamily, fontSize: style.fontSize, fontWeight: style.fontWeight, fontStyle: style.fontStyle },
      });
    }
  }
  return layers;
}

// ---------------------------------------------------------------------------------------------
// Files.

/** The scene as a standalone SVG document; canvases become embedded PNG images. */
export function sceneToSvg(scene: ChartScene, title?: string): string {
  const images: Layer[] = scene.canvases.map(({ canvas, box }) => ({ kind: 'image', box, href: canvas.toDataURL('image/png') }));
  // Canvases first: on the page they sit under their SVG axes.
  return composeSvgDocument([...images, ...scene.overlay], { width: scene.width, height: scene.height, background: scene.background, title });
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    img.src = src;
  });
}

/** The scene's SVG and HTML parts (no canvases, no background) as one image, for drawing on a canvas. */
export async function overlayImage(scene: ChartScene): Promise<HTMLImageElement | null> {
  if (scene.overlay.length === 0) return null;
  const svg = composeSvgDocument(scene.overlay, { width: scene.width, height: scene.height });
  // A data URL (not a blob URL) keeps the canvas it is drawn on exportable in every browser.
  return loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
}

/** Draws the scene on a 2D context scaled to CSS pixels: background, canvases, then SVG and text. */
export function drawScene(ctx: CanvasRenderingContext2D, scene: ChartScene, overlay: HTMLImageElement | null): void {
  ctx.fillStyle = scene.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const { canvas, box } of scene.canvases) {
    if (canvas.width > 0 && canvas.height > 0) ctx.drawImage(canvas, box.x, box.y, box.width, box.height);
  }
  if (overlay) ctx.drawImage(overlay, 0, 0, scene.width, scene.height);
}

function canvasToBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the image.'))), type));
}

/** The widget's charts as a PNG at `scale` × CSS pixels (2 by default: sharp on slides). */
export async function exportPng(root: Element, scale = Math.max(2, window.devicePixelRatio || 1)): Promise<Blob> {
  const scene = collectChartScene(root);
  if (!scene) throw new Error('This widget has no chart to export.');
  const overlay = await overlayImage(scene);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(scene.width * scale);
  canvas.height = Math.round(scene.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('The browser has no 2D canvas.');
  ctx.scale(scale, scale);
  drawScene(ctx, scene, overlay);
  return canvasToBlob(canvas, 'image/png');
}

export function exportSvg(root: Element, title?: string): Blob {
  const scene = collectChartScene(root);
  if (!scene) throw new Error('This widget has no chart to export.');
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${sceneToSvg(scene, title)}`], { type: 'image/svg+xml' });
}

/** Saves a blob through a temporary `<a download>` link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Whether a widget has anything `exportPng`/`exportSvg` can draw (cheap: no layout). */
export function hasChart(root: Element): boolean {
  return root.querySelector('canvas, svg') !== null;
}
