/**
 * Wraps a loader (a dynamic import, a fetch) so that every caller shares one promise: a prefetch
 * and the render that needs the result later start one download between them. A failed load
 * (say, offline before the chunk was cached) is tried again by the next caller.
 *
 * The shared promise is marked `status: 'fulfilled'` with its `value` once it settles, the
 * convention React's `use()` reads: a component that `use`s an already-loaded promise renders at
 * once instead of suspending (and React then holding the reveal back for up to 300 ms).
 */
import type { FulfilledReactPromise } from 'react';

export type LoadedPromise<T> = Promise<T> & ({ status?: void } | FulfilledReactPromise<T>);

export function loadOnce<T>(load: () => Promise<T>): () => LoadedPromise<T> {
  let promise: LoadedPromise<T> | undefined;
  return () => {
    if (promise) return promise;
    const started: LoadedPromise<T> = load().then(
      (value) => {
        Object.assign(started, { status: 'fulfilled', value });
        return value;
      },
      (error: unknown) => {
        promise = undefined;
        throw error;
      },
    );
    promise = started;
    return started;
  };
}
