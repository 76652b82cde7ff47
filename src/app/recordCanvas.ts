/**
 * Records a widget's canvas chart as a WebM clip for slides (MediaRecorder on
 * canvas.captureStream). The clip shows what the PNG export shows: each frame composes the
 * widget's canvases (every frame) with its SVG axes, histograms, titles and legends (rasterised
 * again, at most 5 times a second, when the widget's DOM changes) and its HTML readouts (redrawn
 * every frame, so a running "t = …" stays current). Readouts that sit outside the charts, such as
 * the forward process's "t = 400", are marked `data-record-readout` in the widget and drawn in a
 * strip above the charts, so a clip on a slide still says which t it shows.
 *
 * MediaRecorder streams its file and never goes back to write the length into the header, so the
 * clip had no duration and could not be seeked; the duration is written in when it stops
 * (webmDuration.ts).
 */
import { collectChartScene, drawScene, overlayImage, type ChartScene, type Layer } from './exportChart';
import { withWebmDuration } from './webmDuration';

/** Marks a widget's element whose text a recording shows above the charts (live, every frame). */
export const RECORD_READOUT_ATTR = 'data-record-readout';
const READOUT_STRIP = 26;

export type RecordingSupport = { supported: true; mimeType: string } | { supported: false; reason: string };

const WEBM_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
export const MAX_SECONDS = 120;
const FPS = 30;

/** Whether this browser can record a canvas as WebM, and with which MIME type. */
export function recordingSupport(): RecordingSupport {
  if (typeof MediaRecorder === 'undefined') return { supported: false, reason: 'This browser cannot record video (no MediaRecorder).' };
  if (typeof HTMLCanvasElement === 'undefined' || typeof HTMLCanvasElement.prototype.captureStream !== 'function') {
    return { supported: false, reason: 'This browser cannot record a canvas (no captureStream).' };
  }
  const mimeType = WEBM_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) return { supported: false, reason: 'This browser cannot record WebM video.' };
  return { supported: true, mimeType };
}

export interface ClipRecording {
  /** Stops and resolves with the clip. */
  stop(): Promise<Blob>;
}

type TextLayer = Extract<Layer, { kind: 'text' }>;

function drawText(ctx: CanvasRenderingContext2D, layer: TextLayer): void {
  const { box, style } = layer;
  ctx.save();
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = style.fill;
  ctx.textBaseline = 'middle';
  const text = layer.live ? layer.live() : layer.text;
  if (layer.vertical) {
    ctx.translate(box.x + box.width / 2, box.y + box.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(text, 0, 0);
  } else {
    ctx.fillText(text, box.x, box.y + box.height / 2);
  }
  ctx.restore();
}

/**
 * Starts recording the canvases of `root` (a widget's figure). `onAutoStop` receives the clip if
 * the recording reaches MAX_SECONDS before `stop()` is called.
 */
export async function startClipRecording(root: Element, onAutoStop: (clip: Blob) => void): Promise<ClipRecording> {
  const support = recordingSupport();
  if (!support.supported) throw new Error(support.reason);
  const found = collectChartScene(root);
  if (!found || found.canvases.length === 0) throw new Error('This widget has no canvas to record.');
  const split = (scene: ChartScene) => ({
    texts: scene.overlay.filter((l): l is TextLayer => l.kind === 'text'),
    still: { ...scene, overlay: scene.overlay.filter((l) => l.kind !== 'text') },
  });
  let { texts, still } = split(found);
  let overlay = await overlayImage(still);

  const readouts = Array.from(root.querySelectorAll(`[${RECORD_READOUT_ATTR}]`));
  const readoutText = () => readouts.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean).join(' · ');
  const strip = readouts.length > 0 ? READOUT_STRIP : 0;
  const readoutStyle = readouts[0] ? getComputedStyle(readouts[0]) : null;
  const textColor = readoutStyle?.color || getComputedStyle(root).color || '#1b1f24';
  const fontFamily = readoutStyle?.fontFamily || 'sans-serif';

  const scale = Math.max(1, Math.min(2, window.devicePixelRatio || 1));
  const frame = document.createElement('canvas');
  // Even sizes: some WebM encoders reject odd frame dimensions.
  frame.width = 2 * Math.ceil((still.width * scale) / 2);
  frame.height = 2 * Math.ceil(((still.height + strip) * scale) / 2);
  const ctx = frame.getContext('2d');
  if (!ctx) throw new Error('The browser has no 2D canvas.');
  const draw = () => {
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    if (strip > 0) {
      ctx.fillStyle = still.background;
      ctx.fillRect(0, 0, frame.width / scale, strip);
      ctx.fillStyle = textColor;
      ctx.font = `600 14px ${fontFamily}`;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      ctx.fillText(readoutText(), 8, strip / 2);
      ctx.translate(0, strip);
    }
    drawScene(ctx, still, overlay);
    for (const t of texts) drawText(ctx, t);
  };
  draw();

  // SVG charts that change while recording (histograms following t) are rasterised again.
  let dirty = false;
  let refreshing = false;
  const watcher = new MutationObserver((records) => {
    if (records.some((r) => !(r.target instanceof Element ? r.target : r.target.parentElement)?.closest('.widget-toolbar, .present-hint'))) dirty = true;
  });
  watcher.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const refresh = async () => {
    if (!dirty || refreshing) return;
    dirty = false;
    refreshing = true;
    try {
      const scene = collectChartScene(root);
      if (scene && scene.canvases.length > 0) {
        const next = split(scene);
        const image = await overlayImage(next.still);
        ({ texts, still } = next);
        overlay = image;
      }
    } catch {
      // Keep the last picture.
    } finally {
      refreshing = false;
    }
  };
  const refresher = setInterval(() => void refresh(), 200);

  const stream = frame.captureStream(FPS);
  const recorder = new MediaRecorder(stream, { mimeType: support.mimeType });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  });
  let raf = 0;
  const loop = () => {
    draw();
    raf = requestAnimationFrame(loop);
  };
  raf = requestAnimationFrame(loop);

  let startedAt = performance.now();
  recorder.addEventListener('start', () => (startedAt = performance.now()), { once: true });
  let finished: Promise<Blob> | null = null;
  const stop = (): Promise<Blob> => {
    if (finished) return finished;
    finished = new Promise<Blob>((resolve, reject) => {
      recorder.addEventListener(
        'stop',
        () => {
          const clip = new Blob(chunks, { type: support.mimeType.split(';')[0] });
          // The clip as recorded if the header cannot be read: better without a duration than none.
          withWebmDuration(clip, performance.now() - startedAt).then(resolve, () => resolve(clip));
        },
        { once: true },
      );
      recorder.addEventListener('error', () => reject(new Error('The recording failed.')), { once: true });
    }).finally(() => {
      cancelAnimationFrame(raf);
      clearTimeout(limit);
      clearInterval(refresher);
      watcher.disconnect();
      for (const track of stream.getTracks()) track.stop();
    });
    if (recorder.state !== 'inactive') {
      // The last frame goes in before the recorder closes.
      draw();
      recorder.stop();
    }
    return finished;
  };
  const limit = setTimeout(() => void stop().then(onAutoStop, () => undefined), MAX_SECONDS * 1000);
  recorder.start(1000);
  return { stop };
}
