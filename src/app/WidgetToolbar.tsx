/**
 * The small row of tools on every live widget card: download the widget's chart(s) as PNG or SVG,
 * present the widget full-screen, and record a canvas widget as a WebM clip. Extra tools (such as
 * an Embed button) are passed as children and appear after the built-in ones. With
 * `controls=hidden` (a classroom view) there is no toolbar at all.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { usePlaying } from '../state/player';
import { useSettings } from '../state/settingsStore';
import { downloadBlob, exportFileName, exportPng, exportSvg } from './exportChart';
import { farStep, usePresentation } from './presentation';
import { MAX_SECONDS, recordingSupport, startClipRecording, type ClipRecording } from './recordCanvas';
import './widgetToolbar.css';

interface Props {
  widgetId: string;
  /** Short name of the widget, used in the exported SVG's title. */
  title: string;
  /** More tools, placed after the built-in ones (e.g. Embed). */
  children?: ReactNode;
}

type RecordPhase = 'idle' | 'starting' | 'recording' | 'saving';

const Icon = ({ d }: { d: string }) => (
  <svg className="widget-tool-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path d={d} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const DOWNLOAD = 'M8 2v8M4.5 6.5 8 10l3.5-3.5M3 13.5h10';
const SCREEN = 'M2 5V2h3M11 2h3v3M14 11v3h-3M5 14H2v-3';
const EXIT = 'M5 2v3H2M11 2v3h3M14 11h-3v3M2 11h3v3';

export function WidgetToolbar({ widgetId, title, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const presentButton = useRef<HTMLButtonElement>(null);
  const figureOf = useCallback((): HTMLElement | null => ref.current?.closest('figure') ?? null, []);
  const [charts, setCharts] = useState({ any: false, canvas: false });
  const [message, setMessage] = useState('');
  const [phase, setPhase] = useState<RecordPhase>('idle');
  const [elapsed, setElapsed] = useState(0);
  const recording = useRef<ClipRecording | null>(null);
  const presentation = usePresentation(figureOf, () => presentButton.current?.focus({ preventScroll: true }));
  const support = useState(recordingSupport)[0];
  const controlsHidden = useSettings((s) => s.controls === 'hidden');

  // Widgets load lazily and may draw a canvas later: watch the figure for charts appearing
  // (again when the toolbar comes back after controls=hidden: there was no figure to watch).
  useEffect(() => {
    const figure = figureOf();
    if (!figure) return;
    const check = () => {
      const canvas = figure.querySelector('canvas') !== null;
      const any = canvas || figure.querySelector(':scope > :not(.widget-toolbar) svg') !== null;
      setCharts((prev) => (prev.any === any && prev.canvas === canvas ? prev : { any, canvas }));
    };
    check();
    const observer = new MutationObserver(check);
    observer.observe(figure, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [figureOf, controlsHidden]);

  const save = async (kind: 'png' | 'svg') => {
    const figure = figureOf();
    if (!figure) return;
    try {
      const blob = kind === 'png' ? await exportPng(figure) : exportSvg(figure, title);
      const name = exportFileName(widgetId, kind);
      downloadBlob(blob, name);
      setMessage(`Saved ${name}`);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  // The elapsed-time readout while recording.
  useEffect(() => {
    if (phase !== 'recording') return;
    const start = performance.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.floor((performance.now() - start) / 1000)), 500);
    return () => clearInterval(timer);
  }, [phase]);

  // Leaving the page (or the chapter) while recording drops the clip.
  useEffect(() => () => void recording.current?.stop().catch(() => undefined), []);

  const finish = (clip: Blob) => {
    recording.current = null;
    const name = exportFileName(widgetId, 'webm');
    downloadBlob(clip, name);
    setMessage(`Saved ${name}`);
    setPhase('idle');
  };

  const toggleRecording = async () => {
    if (!support.supported) {
      setMessage(support.reason);
      return;
    }
    if (phase === 'recording' && recording.current) {
      setPhase('saving');
      try {
        finish(await recording.current.stop());
      } catch (err) {
        recording.current = null;
        setPhase('idle');
        setMessage(err instanceof Error ? err.message : String(err));
      }
      return;
    }
    if (phase !== 'idle') return;
    const figure = figureOf();
    if (!figure) return;
    setPhase('starting');
    setMessage('');
    try {
      recording.current = await startClipRecording(figure, finish);
      setPhase('recording');
    } catch (err) {
      setPhase('idle');
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  const recordLabel = !support.supported
    ? `Record a WebM clip (unavailable: ${support.reason})`
    : phase === 'recording'
      ? 'Stop recording and save the clip'
      : `Record the canvas as a WebM clip (up to ${MAX_SECONDS / 60} minutes)`;
  const clock = `${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, '0')}`;

  if (controlsHidden && !presentation.presenting) return null;
  return (
    <>
      <div ref={ref} className="widget-toolbar" role="group" aria-label="Widget tools">
        <span className="widget-toolbar-message" aria-live="polite">{message}</span>
        <button type="button" className="widget-tool" onClick={() => void save('png')} disabled={!charts.any} aria-label="Download the chart as PNG" title="Download the chart as a PNG image">
          <Icon d={DOWNLOAD} />PNG
        </button>
        <button type="button" className="widget-tool" onClick={() => void save('svg')} disabled={!charts.any} aria-label="Download the chart as SVG" title="Download the chart as an SVG drawing">
          <Icon d={DOWNLOAD} />SVG
        </button>
        {charts.canvas && (
          <button
            type="button"
            className={phase === 'recording' ? 'widget-tool widget-tool-recording' : 'widget-tool'}
            onClick={() => void toggleRecording()}
            aria-disabled={!support.supported || phase === 'starting' || phase === 'saving'}
            aria-pressed={phase === 'recording'}
            aria-label={recordLabel}
            title={recordLabel}
          >
            <span className="widget-tool-dot" aria-hidden="true" />
            {phase === 'recording' ? `Stop ${clock}` : phase === 'saving' ? 'Saving…' : 'Record'}
          </button>
        )}
        <button
          ref={presentButton}
          type="button"
          className="widget-tool"
          onClick={() => (presentation.presenting ? presentation.exit() : void presentation.enter())}
          aria-label={presentation.presenting ? 'Leave presentation mode' : 'Present full screen'}
          title={presentation.presenting ? 'Leave presentation mode (Esc)' : 'Present this widget full screen'}
        >
          <Icon d={presentation.presenting ? EXIT : SCREEN} />
          {presentation.presenting ? 'Leave' : 'Present'}
        </button>
        {children}
      </div>
      {presentation.presenting && <PresentHint />}
    </>
  );
}

/** The keys of presentation mode, and where the shared player stands. */
function PresentHint() {
  const t = useSettings((s) => s.t);
  const T = useSettings((s) => s.T);
  const playing = usePlaying();
  return (
    <div className="present-hint" role="note" aria-label="Presentation keys" data-testid="present-hint">
      <span><kbd>←</kbd> <kbd>→</kbd> step t</span>
      <span><kbd>Shift</kbd>+<kbd>←</kbd> <kbd>→</kbd> <kbd>PgUp</kbd> <kbd>PgDn</kbd> ±{farStep(T)}</span>
      <span><kbd>Home</kbd> <kbd>End</kbd> 0 / {T}</span>
      <span><kbd>Space</kbd> play / pause</span>
      <span><kbd>R</kbd> reset</span>
      <span><kbd>Esc</kbd> leave</span>
      <span className="present-state" data-testid="present-state" data-t={t} data-playing={playing}>
        t = {t} of {T} · {playing ? 'playing' : 'paused'}
      </span>
    </div>
  );
}
