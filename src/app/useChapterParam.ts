/**
 * The open chapter is the `chapter` setting, so it lives in the URL as `?chapter=<slug>` (a query,
 * not a path, so deep links work on any static host with no rewrite rules). Opening a chapter
 * pushes a history entry; Back and Forward work.
 */
import { useCallback } from 'react';
import { updateSettings, useSettings } from '../state/settingsStore';

export function useChapterParam(): [string | null, (slug: string) => void] {
  const slug = useSettings((s) => s.chapter);
  const go = useCallback((next: string) => {
    updateSettings({ chapter: next });
    window.scrollTo(0, 0);
  }, []);
  return [slug === '' ? null : slug, go];
}
