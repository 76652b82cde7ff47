/**
 * One shared promise for a worker resource built on first use (a yardstick whose classifier and
 * digits are fetched): every caller waits on the same build, and a build that fails is forgotten,
 * so the next caller tries again instead of inheriting the failure (a fetch that failed while
 * offline can succeed later).
 */
export function sharedUntilFailed<T>(build: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | null = null;
  return () => {
    if (shared) return shared;
    const made = build();
    shared = made;
    made.catch(() => {
      if (shared === made) shared = null;
    });
    return made;
  };
}
