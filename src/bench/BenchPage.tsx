/**
 * "Benchmark this device" (`?page=bench`): runs the bench cases of ./cases.ts in a worker in this
 * browser, on the backends the reader picks, shows progress, and gives the result as text or JSON
 * to copy. Before the worker starts, it times drawing 2000 points on this page's main thread (`&draw=0`
 * skips that). `&run=1` starts it at once (with `&quick=1`, `&backends=wasm,cpu`, `&cases=train`), and
 * the finished report is also left on `window.__benchReport` for the Node runner (scripts/bench).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { BACKENDS, type BackendName } from '../worker/protocol';
import type { BenchRequest, BenchWorkerEvent } from './protocol';
import { BENCH_CASES, CASE_LABELS, formatTable, formatValue, meets, PAGE_LABELS, PAGE_TARGETS, TARGETS, type BenchCase, type BenchReport, type CaseResult, type PageResult, type Target } from './report';
import { timePointDrawing } from './timePointDrawing';
import './bench.css';

type BenchWindow = Window & { __benchReport?: BenchReport; __benchEvent?: (event: BenchWorkerEvent) => void };

function listParam<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] | null {
  const raw = params.get(key);
  if (raw === null) return null;
  const picked = raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return picked.length > 0 ? picked : null;
}

interface Progress {
  backend: string;
  case: BenchCase | null;
  fraction: number;
  text: string;
}

function Toggle<T extends string>({ value, checked, onChange, label }: { value: T; checked: boolean; onChange: (v: T, on: boolean) => void; label: string }) {
  return (
    <label className="bench-toggle">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(value, e.target.checked)} /> {label}
    </label>
  );
}

/** A result's figure (green when it meets its target, red when not), the target, and how it was obtained. */
function ResultCells({ result, target }: { result: CaseResult | PageResult; target: Target }) {
  const met = meets(target, result.value);
  return (
    <>
      <td className={met === null ? '' : met ? 'bench-met' : 'bench-missed'}>{formatValue(result)}</td>
      <td>{target.op} {target.value} {result.unit}{met === null ? '' : met ? ' ✓' : ' ✗'}</td>
      <td className="bench-note">{result.error ?? result.note}</td>
    </>
  );
}

export function BenchPage() {
  const params = new URLSearchParams(window.location.search);
  const [backends, setBackends] = useState<BackendName[]>(() => listParam(params, 'backends', BACKENDS) ?? [...BACKENDS]);
  const [cases, setCases] = useState<BenchCase[]>(() => listParam(params, 'cases', BENCH_CASES) ?? [...BENCH_CASES]);
  const [quick, setQuick] = useState(params.get('quick') === '1');
  const [draw, setDraw] = useState(params.get('draw') !== '0');
  const [pageResults, setPageResults] = useState<PageResult[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [results, setResults] = useState<CaseResult[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [report, setReport] = useState<BenchReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  /** Bumped by every start and stop: a run whose id is stale gives up after its main-thread part. */
  const runId = useRef(0);

  const stop = useCallback(() => {
    runId.current++;
    worker.current?.terminate();
    worker.current = null;
    setRunning(false);
    setProgress(null);
  }, []);

  const start = useCallback(async (request: BenchRequest, withDraw: boolean) => {
    worker.current?.terminate();
    const id = ++runId.current;
    const startedAt = new Date().toISOString();
    setRunning(true);
    setResults([]);
    setPageResults([]);
    setSkipped([]);
    setReport(null);
    setError(null);
    setCopied(null);
    // On the main thread, before the worker competes for the CPU.
    const page: PageResult[] = [];
    if (withDraw) {
      setProgress({ backend: 'this page', case: null, fraction: 0, text: 'drawing 2000 points a frame' });
      page.push(await timePointDrawing(request.quick ? 30 : 120));
      if (id !== runId.current) return; // stopped, or started again, meanwhile
      setPageResults([...page]);
    }
    if (id !== runId.current) return;
    const w = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<BenchWorkerEvent>) => {
      const event = e.data;
      (window as BenchWindow).__benchEvent?.(event);
      if (event.type === 'backend') {
        if (event.error) setSkipped((s) => [...s, `${event.backend}: ${event.error}`]);
        else setProgress({ backend: event.backend, case: null, fraction: 0, text: `starting ${event.backend}${event.info ? ` (${event.info})` : ''}` });
      } else if (event.type === 'case') {
        setProgress({ backend: event.backend, case: event.case, fraction: event.fraction, text: event.text });
      } else if (event.type === 'result') {
        setResults((r) => [...r, event.result]);
      } else if (event.type === 'done') {
        const done: BenchReport = { version: 1, quick: request.quick, startedAt, environments: [event.environment], results: event.results, page };
        (window as BenchWindow).__benchReport = done;
        setReport(done);
        stop();
      } else {
        setError(event.message);
        stop();
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      setError(`the bench worker crashed: ${e.message || 'no message'}`);
      stop();
    };
    w.postMessage(request);
  }, [stop]);

  useEffect(() => {
    if (params.get('run') === '1') void start({ type: 'run', backends, cases, quick, base: document.baseURI }, draw);
    return () => {
      runId.current++;
      worker.current?.terminate();
    };
    // Auto-start once, with the settings from the address.
  }, []);

  const toggle = <T extends string>(set: (f: (list: T[]) => T[]) => void, order: readonly T[]) => (v: T, on: boolean) =>
    set((list) => order.filter((x) => (x === v ? on : list.includes(x))));

  const text = report ? formatTable(report) : '';
  const json = report ? JSON.stringify(report, null, 2) : '';
  const copy = (what: 'text' | 'JSON', value: string) => {
    navigator.clipboard?.writeText(value).then(
      () => setCopied(`Copied the result as ${what}.`),
      () => setCopied(`Copying was not allowed here; select the ${what} below and copy it by hand.`),
    ) ?? setCopied('No clipboard here; select the text below and copy it by hand.');
  };

  return (
    <main className="bench-page card" data-testid="bench-page">
      <p><a href="./">← Back to the chapters</a></p>
      <h1>Benchmark this device</h1>
      <p className="card-lede">
        This trains the playground&rsquo;s default denoiser (3 residual blocks of width 128, batch 256) and samples from it in a
        worker in your browser, on each backend you pick, and times it: training steps per second, DDIM (50 steps) and DDPM
        (1000 steps) sampling of 2000 points, and the training time until samples of two moons pass the engine tests&rsquo; quality bar
        (energy-distance ratio ≤ 0.25, checked every 250 steps). The image cases do the same for the 8×8 digit model:
        its training rate, a 64-image DDIM-50 grid, and the training time until 2,000 samples pass the digit bar. First, on this page&rsquo;s own thread, it times drawing a frame of
        2000 points, as the charts do. A full run takes a few minutes per backend; quick runs take seconds and give rough figures.
        Nothing is sent anywhere.
      </p>
      <div className="bench-controls">
        <fieldset disabled={running}>
          <legend>Backends</legend>
          {BACKENDS.map((b) => <Toggle key={b} value={b} label={b} checked={backends.includes(b)} onChange={toggle(setBackends, BACKENDS)} />)}
        </fieldset>
        <fieldset disabled={running}>
          <legend>Cases</legend>
          {BENCH_CASES.map((c) => <Toggle key={c} value={c} label={CASE_LABELS[c]} checked={cases.includes(c)} onChange={toggle(setCases, BENCH_CASES)} />)}
        </fieldset>
        <fieldset disabled={running}>
          <legend>This page</legend>
          <label className="bench-toggle">
            <input type="checkbox" checked={draw} onChange={(e) => setDraw(e.target.checked)} /> {PAGE_LABELS.draw}
          </label>
        </fieldset>
        <fieldset disabled={running}>
          <legend>Length</legend>
          <label className="bench-toggle">
            <input type="checkbox" checked={quick} onChange={(e) => setQuick(e.target.checked)} /> quick (a few seconds per case)
          </label>
        </fieldset>
      </div>
      <div className="bench-actions">
        <button type="button" disabled={running || backends.length === 0 || cases.length === 0} onClick={() => void start({ type: 'run', backends, cases, quick, base: document.baseURI }, draw)}>
          Run the benchmark
        </button>
        <button type="button" disabled={!running} onClick={stop}>Stop</button>
      </div>
      <div className="bench-progress" role="status" aria-live="polite" data-testid="bench-progress">
        {running && progress && (
          <>
            <span>{progress.backend}{progress.case ? ` · ${CASE_LABELS[progress.case]}` : ''}: {progress.text}</span>
            <progress max={1} value={progress.fraction} aria-label="progress of the current case" />
          </>
        )}
        {running && !progress && <span>Starting the bench worker…</span>}
        {!running && report && <span>Done.</span>}
      </div>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {skipped.length > 0 && <p className="notice notice-warning">Skipped (not available here): {skipped.join('; ')}</p>}
      {results.length > 0 && (
        <table className="bench-table" data-testid="bench-results">
          <thead>
            <tr><th scope="col">backend</th><th scope="col">case</th><th scope="col">result</th><th scope="col">target</th><th scope="col">how</th></tr>
          </thead>
          <tbody>
            {results.map((r, k) => (
              <tr key={k}>
                <td>{r.backend}</td>
                <td>{CASE_LABELS[r.case]}</td>
                <ResultCells result={r} target={TARGETS[r.case]} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pageResults.length > 0 && (
        <table className="bench-table" data-testid="bench-page-results">
          <thead>
            <tr><th scope="col">this page</th><th scope="col">result</th><th scope="col">target</th><th scope="col">how</th></tr>
          </thead>
          <tbody>
            {pageResults.map((r) => (
              <tr key={r.case}>
                <td>{PAGE_LABELS[r.case]}</td>
                <ResultCells result={r} target={PAGE_TARGETS[r.case]} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && (
        <section className="bench-copy" aria-label="Copy the result">
          <div className="bench-actions">
            <button type="button" onClick={() => copy('text', text)}>Copy as text</button>
            <button type="button" onClick={() => copy('JSON', json)}>Copy as JSON</button>
            {copied && <span role="status">{copied}</span>}
          </div>
          <textarea readOnly className="bench-text" data-testid="bench-text" value={text} rows={Math.min(24, text.split('\n').length + 1)} aria-label="The result as text" />
          <details>
            <summary>JSON</summary>
            <pre className="bench-json" data-testid="bench-json">{json}</pre>
          </details>
        </section>
      )}
    </main>
  );
}
