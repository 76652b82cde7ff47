import { describe, expect, it } from 'vitest';
import { claimWord, openProduct, readClaim, runOpenChunks } from './chunkClaims';
import { chunkCount, chunkPlan } from './rowChunks';
import { CTL } from './threadControl';

// The claiming protocol, on a real shared control block, with the two threads' turns interleaved
// by hand on one thread: whatever the order, every row of a product runs exactly once.
function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CTL.size * 4));
}

describe('sharing a product between two threads by claiming row chunks', () => {
  it('a claim word holds the sequence number, the chunk count and the claims, and survives 16-bit wrap', () => {
    expect(readClaim(claimWord(7, 16))).toEqual({ seq: 7, claimed: 0, chunks: 16 });
    expect(readClaim(claimWord(0xffff, 3) + 2)).toEqual({ seq: 0xffff, claimed: 2, chunks: 3 });
    expect(readClaim(claimWord(0x10001, 1)).seq).toBe(1);
    expect(() => claimWord(1, 0)).toThrow();
    expect(() => claimWord(1, 129)).toThrow();
  });

  const M = 256;
  const args = [1000, 2000, 3000, 0, M, 128, 128, 0];

  it('one thread alone runs every chunk once, in order', () => {
    const ctl = newControl();
    openProduct(ctl, 1, { fn: 3, args });
    const seen: Array<[number, number]> = [];
    const got = runOpenChunks(ctl, (fn, a, first, rows) => {
      expect(fn).toBe(3);
      expect(a).toEqual(args);
      seen.push([first, rows]);
    });
    expect(got).toEqual({ rows: M, seq: 1 });
    const plan = chunkPlan(M);
    expect(seen).toEqual(Array.from({ length: chunkCount(M) }, (_, k) => [plan[k], plan[k + 1]! - plan[k]!]));
    // the other thread, arriving late, finds nothing left
    expect(runOpenChunks(ctl, () => expect.unreachable()).rows).toBe(0);
  });

  it('two threads taking turns run each row exactly once between them', () => {
    const ctl = newControl();
    const M2 = 250; // the last chunk is short
    openProduct(ctl, 2, { fn: 0, args: [...args.slice(0, 4), M2, ...args.slice(5)] });
    const runs = new Int32Array(M2);
    const byThread = [0, 0];
    const mark = (thread: number) => (_fn: number, _a: readonly number[], first: number, rows: number): void => {
      for (let r = first; r < first + rows; r++) runs[r]! += 1;
      byThread[thread]! += rows;
    };
    // the owner runs its first chunk and, in the middle of it, the helper claims all the rest
    let helperRows = 0;
    const owner = runOpenChunks(ctl, (fn, a, first, rows) => {
      if (helperRows === 0) helperRows = runOpenChunks(ctl, mark(1)).rows;
      mark(0)(fn, a, first, rows);
    });
    expect(Array.from(runs).every((n) => n === 1)).toBe(true);
    expect(owner.rows + helperRows).toBe(M2);
    expect(owner.rows).toBe(chunkPlan(M2)[1]);
    expect(byThread).toEqual([owner.rows, helperRows]);
  });

  it('a new product reopens the claims and clears the done count', () => {
    const ctl = newControl();
    openProduct(ctl, 1, { fn: 0, args });
    runOpenChunks(ctl, () => undefined);
    Atomics.add(ctl, CTL.done, 40);
    openProduct(ctl, 2, { fn: 1, args: [...args.slice(0, 4), 64, ...args.slice(5)] });
    expect(Atomics.load(ctl, CTL.done)).toBe(0);
    const got = runOpenChunks(ctl, (fn) => expect(fn).toBe(1));
    expect(got).toEqual({ rows: 64, seq: 2 });
  });

  it('a helper that finishes one product and claims the next in the same call runs the new one', () => {
    const ctl = newControl();
    const first = { fn: 0, args };
    const second = { fn: 1, args: [7, 8, 9, 0, 32, 128, 128, 0] };
    openProduct(ctl, 1, first);
    const seen: Array<[number, number]> = [];
    let reopened = false;
    runOpenChunks(ctl, (fn, a, firstRow) => {
      seen.push([fn, a[0]!]);
      // the helper's last chunk of product 1 ends and the owner opens product 2 at once
      if (!reopened && firstRow === chunkPlan(M)[chunkCount(M) - 1]) {
        reopened = true;
        openProduct(ctl, 2, second);
      }
    });
    const n2 = chunkCount(32);
    expect(seen.slice(-(n2 + 1))).toEqual([[0, 1000], ...Array.from({ length: n2 }, () => [1, 7])]);
  });
});
