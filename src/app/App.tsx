import { lazy, Suspense, use } from 'react';
import { CHAPTERS, findChapter, type Chapter } from '../content/chapters';
import { loadChapterView, prefetchChapter } from '../content/prefetchChapter';
import { ChapterNav } from './ChapterNav';
import { chapterHref } from '../state/chapterLink';
import { useChapterParam } from './useChapterParam';
import { SettingsNotices } from './SettingsNotices';
import { UpdateBanner } from './UpdateBanner';
import { EmbedView } from './EmbedView';
import { LoadFailure } from './LoadFailure';
import { useSettings } from '../state/settingsStore';
import { useEffect } from 'react';

/** The chapter renderer is its own chunk; prefetchChapter starts it together with the chapter's tree. Suspends only while it loads. */
function LoadedChapterView({ chapter }: { chapter: Chapter }) {
  const { ChapterView } = use(loadChapterView());
  return <ChapterView chapter={chapter} />;
}
// "Benchmark this device" (?page=bench): its own page and worker, loaded only when asked for.
const BenchPage = lazy(() => import('../bench/BenchPage').then((m) => ({ default: m.BenchPage })));
export const isBenchPage = (): boolean => new URLSearchParams(window.location.search).get('page') === 'bench';

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
  // Starts (once) every download a chapter opened from the navigation needs, before React renders any of it.
  if (chapter) void prefetchChapter(chapter);
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
            <LoadFailure key={chapter.slug} what="this chapter">
              <Suspense fallback={<p className="widget-loading">Loading the chapter…</p>}>
                <LoadedChapterView chapter={chapter} />
              </Suspense>
            </LoadFailure>
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
