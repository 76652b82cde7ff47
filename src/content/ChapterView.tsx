/**
 * Renders one chapter from its compiled HTML tree (math already typeset at build time, see
 * compileChapter.ts), with each `<widget-slot>` replaced by the live widget. Suspends while the
 * chapter's tree loads.
 */
import 'katex/dist/katex.min.css';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { use, useRef } from 'react';
import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime';
import type { Chapter } from './chapters';
import { useSkippedProseMarks } from './useSkippedProseMarks';
import { useStickyAsides } from './useStickyAsides';
import { useEquationNumbersFit } from './useEquationNumbersFit';
import { useScrollableEquations } from './useScrollableEquations';
import { WidgetSlot } from './WidgetSlot';

const components = {
  'widget-slot': (props: { 'data-widget'?: string; 'data-caption'?: string }) => (
    <WidgetSlot id={props['data-widget'] ?? ''} caption={props['data-caption'] ?? ''} />
  ),
} as unknown as Partial<Components>;

export function ChapterView({ chapter }: { chapter: Chapter }) {
  const ref = useRef<HTMLElement>(null);
  const tree = use(chapter.loadTree());
  useSkippedProseMarks(ref);
  useStickyAsides(ref);
  useEquationNumbersFit(ref);
  useScrollableEquations(ref); // after the numbers' fit: it measures the displays as laid out then
  return (
    <article ref={ref} className="chapter" aria-labelledby="chapter-title">
      <h1 id="chapter-title">
        <span className="chapter-number">{chapter.number}.</span> {chapter.title}
      </h1>
      {toJsxRuntime(tree, { Fragment, jsx, jsxs, components, passKeys: true })}
    </article>
  );
}
