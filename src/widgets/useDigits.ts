/**
 * The 8×8 digits (public/data/digits-8x8.bin, 119 kB) for page-side figures: fetched once per
 * page against the document's base URI and decoded with the engine's decoder. Small and plain
 * arithmetic, so the page may do it; the model's own copy is the worker's.
 */
import { useEffect, useState } from 'react';
import { decodeDigits, type DigitSet } from '../engine/datasets/digits';

let pending: Promise<DigitSet> | null = null;

function loadDigits(): Promise<DigitSet> {
  pending ??= fetch(new URL('data/digits-8x8.bin', document.baseURI))
    .then((r) => {
      if (!r.ok) throw new Error(`Could not load the digits (HTTP ${r.status}).`);
      return r.arrayBuffer();
    })
    .then(decodeDigits)
    .catch((e: unknown) => {
      pending = null; // a later mount tries again
      throw e;
    });
  return pending;
}

/** The digit set once loaded, or the error that stopped it (as text). */
export function useDigits(): { digits: DigitSet | null; error: string | null } {
  const [state, setState] = useState<{ digits: DigitSet | null; error: string | null }>({ digits: null, error: null });
  useEffect(() => {
    let live = true;
    loadDigits().then(
      (digits) => live && setState({ digits, error: null }),
      (e: unknown) => live && setState({ digits: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
