/**
 * Catches a piece of the page that failed to load (a chapter's or a widget's chunk, say on a
 * dropped connection before the service worker had cached it) and says so in its place, with a
 * reload, instead of React unmounting the whole page. A reload, not a retry: browsers keep a
 * failed module import failed for the life of the document. The reload first drops the service
 * worker's cached code (repairCachedCode.ts), in case the cached copy was the broken one.
 */
import type { ReactNode } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { reloadWithFreshCode } from './repairCachedCode';

interface Props {
  /** What failed, in the reader's words: "this chapter", "the noise schedules widget". */
  what: string;
  children: ReactNode;
}

export function LoadFailure({ what, children }: Props) {
  return (
    <ErrorBoundary
      fallback={(error) => (
        <div className="notice notice-error load-failure" role="alert">
          <p>
            Could not load {what} ({error.message}). Check the connection, then{' '}
            <button type="button" onClick={() => void reloadWithFreshCode()}>reload the page</button>.
          </p>
        </div>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
