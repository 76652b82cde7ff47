/**
 * The open chapter lives in the URL as `?chapter=<slug>` (a query, not a path, so deep links work
 * on any static host with no rewrite rules). Navigation uses pushState; Back and Forward work.
 */
import { useCallback, useEffect, useState } from 'react';

const read = (): string | null => new URLSearchParams(window.location.search).get('chapter');

export function useChapterParam(): [string | null, (slug: string) => void] {
  const [slug, setSlug] = useState(read);
  useEffect(() => {
    const onPop = () => setSlug(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: string) => {
    const params = new URLSearchParams(window.location.search);
    params.set('chapter', next);
    window.history.pushState(null, '', `?${params.toString()}`);
    setSlug(next);
    window.scrollTo(0, 0);
  }, []);
  return [slug, go];
}
