/**
 * Wraps a loader (a dynamic import, a fetch) so that every caller shares one promise: a prefetch
 * and the render that needs the result later start one download between them.
 *
 * The shared promise is marked the way React's `use()` reads a promise's state: `status:
 * 'fulfilled'` with its `value`, or `status: 'rejected'` with its `reason`. A component that `use`s
 * an already-loaded promise then renders at once instead of suspending (and React holding the
 * reveal back for up to 300 ms), and one whose load failed throws to its error boundary
 * (LoadFailure) at once. A failed load stays failed: a new attempt would only suspend again, and
 * browsers keep a failed module import failed for the life of the document anyway; LoadFailure
 * offers a reload.
 */
import type { FulfilledReactPromise, RejectedReactPromise } from 'react';

export type LoadedPromise<T> = Promise<T> & ({ status?: void } | FulfilledReactPromise<T> | RejectedReactPromise<T>);

export function loadOnce<T>(load: () => Promise<T>): () => LoadedPromise<T> {
  let promise: LoadedPromise<T> | undefined;
  return () => {
    if (promise) return promise;
    const started: LoadedPromise<T> = load().then(
      (value) => {
        Object.assign(started, { status: 'fulfilled', value });
        return value;
      },
      (reason: unknown) => {
        Object.assign(started, { status: 'rejected', reason });
        throw reason;
      },
    );
    promise = started;
    return started;
  };
}
