/** The table of contents: one link per chapter, the open one marked for assistive technology. */
import type { MouseEvent } from 'react';
import type { Chapter } from '../content/chapters';
import { chapterHref } from '../state/chapterLink';

interface Props {
  chapters: Chapter[];
  current: string | undefined;
  onOpen: (slug: string) => void;
}

export function ChapterNav({ chapters, current, onOpen }: Props) {
  const open = (slug: string) => (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // let "open in new tab" work
    e.preventDefault();
    onOpen(slug);
  };
  return (
    <nav className="chapter-nav" aria-label="Chapters">
      <ol>
        {chapters.map((c) => (
          <li key={c.slug}>
            <a href={chapterHref(c.slug)} aria-current={c.slug === current ? 'page' : undefined} onClick={open(c.slug)}>
              <span className="chapter-number">{c.number}</span> {c.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
