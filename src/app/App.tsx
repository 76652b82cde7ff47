import { lazy, Suspense } from 'react';
import { CHAPTERS, findChapter } from '../content/chapters';
import { ChapterNav, chapterHref } from './ChapterNav';
import { useChapterParam } from './useChapterParam';
import { SettingsNotices } from './SettingsNotices';
import { UpdateBanner } from './UpdateBanner';
import { EmbedView } from './EmbedView';
import { useSettings } from '../state/settingsStore';
import { useEffect } from 'react';

// The Markdown + KaTeX pipeline loads after the shell, keeping the first download small.
const ChapterView = lazy(() => import('../content/ChapterView').then((m) => ({ default: m.ChapterView })));
// "Benchmark this device" (?page=bench): its own page and worker, loaded only when asked for.
const BenchPage = lazy(() => import('../bench/BenchPage').then((m) => ({ default: m.BenchPage })));
const isBenchPage = (): boolean => new URLSearchParams(window.location.search).get('page') === 'bench';

export function App() {
  const [slug, open] = useChapterParam();
  const embed = useSettings((s) => s.embed);
  const controlsHidden = useSettings((s) => s.controls === 'hidden');
  useEffect(() => void document.documentElement.classList.toggle('controls-hidden', controlsHidden), [controlsHidden]);
  if (embed) return <EmbedView id={embed} />;
  if (isBenchPage()) {
    return (
      <Suspense fallback={<p className="widget-loading">Loading the benchmark…</p>}>
        <BenchPage />
      </Suspense>
    );
  }
  const chapter = findChapter(slug) ?? CHAPTERS[0];
  const index = chapter ? CHAPTERS.indexOf(chapter) : -1;
  const prev = CHAPTERS[index - 1];
  const next = CHAPTERS[index + 1];
  return (
    <div className="app">
      <header className="app-header">
        <p className="app-name">Diffusion Playground</p>
        <p className="app-tagline">How denoising diffusion models turn noise into data, one step at a time, with live widgets you can move.</p>
      </header>
      <div className="app-layout">
        <ChapterNav chapters={CHAPTERS} current={chapter?.slug} onOpen={open} />
        <main className="app-main">
          <UpdateBanner />
          <SettingsNotices />
          {slug !== null && !findChapter(slug) && (
            <p className="notice notice-warning" role="status">There is no chapter “{slug}”; here is the first one.</p>
          )}
          {chapter ? (
            <Suspense fallback={<p className="widget-loading">Loading the chapter…</p>}>
              <ChapterView key={chapter.slug} chapter={chapter} />
            </Suspense>
          ) : (
            <p>No chapters found.</p>
          )}
          <nav className="chapter-pager" aria-label="Previous and next chapter">
            {prev && <a href={chapterHref(prev.slug)} onClick={(e) => { e.preventDefault(); open(prev.slug); }}>← {prev.number}. {prev.title}</a>}
            {next && <a href={chapterHref(next.slug)} onClick={(e) => { e.preventDefault(); open(next.slug); }}>{next.number}. {next.title} →</a>}
          </nav>
        </main>
      </div>
      <footer className="app-footer">Runs entirely in your browser; nothing is sent anywhere. <a href="?page=bench">Benchmark this device</a></footer>
    </div>
  );
}
