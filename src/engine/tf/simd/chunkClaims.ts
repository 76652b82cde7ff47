/**
 * How two threads share one matrix product through the control block (./threadControl.ts): the
 * owner writes the kernel and its arguments, then opens the product with a new claim word, which
 * holds a sequence number (16 bits), the chunk count (8 bits) and how many chunks have been claimed
 * (8 bits). Each thread claims the next chunk with one Atomics.add and runs it, until none are left;
 * the helper adds the rows it ran to the done count, which the owner waits for. So neither thread
 * waits for the other to start, and a claimed chunk keeps the product open (the owner waits for
 * its rows), which keeps the arguments in place while anyone reads them.
 */
import { chunkCount, chunkPlan } from './rowChunks';
import { CTL, wake } from './threadControl';

/** A product's kernel (its index) and the kernel's 8 arguments: A, B, C, bias, M, N, K, flags. */
export interface OpenProduct {
  fn: number;
  args: number[];
}

/** A new product's claim word: its sequence number, its chunk count, none claimed. */
export function claimWord(seq: number, chunks: number): number {
  // the counter's 8 bits hold the chunks plus one failed claim from each thread
  if (!(chunks >= 1 && chunks <= 128)) throw new Error(`a product is cut into 1 to 128 chunks, not ${chunks}`);
  return ((seq & 0xffff) << 16) | (chunks << 8);
}

/** A claim word read back: the product's sequence number, the chunks claimed so far, the chunk count. */
export function readClaim(word: number): { seq: number; claimed: number; chunks: number } {
  return { seq: word >>> 16, claimed: word & 0xff, chunks: (word >>> 8) & 0xff };
}

/** The owner: writes product `p` into the control block and opens it as product number `seq`. */
export function openProduct(ctl: Int32Array, seq: number, p: OpenProduct): void {
  Atomics.store(ctl, CTL.done, 0);
  Atomics.store(ctl, CTL.fn, p.fn);
  for (let k = 0; k < 8; k++) Atomics.store(ctl, CTL.args + k, p.args[k]!);
  Atomics.store(ctl, CTL.claim, claimWord(seq, chunkCount(p.args[4]!)));
  wake(ctl, CTL.claim, CTL.claimSleeper);
}

/**
 * Either thread: claims chunks of the open product and calls `run(fn, args, firstRow, rows)` for
 * each, until none are left. Returns the rows it ran and the product's sequence number. The owner
 * passes the product it opened; the helper reads it from the control block, once per product.
 */
export function runOpenChunks(ctl: Int32Array, run: (fn: number, args: readonly number[], firstRow: number, rows: number) => void, owned?: OpenProduct): { rows: number; seq: number } {
  let done = 0;
  let product: OpenProduct | undefined = owned;
  let productSeq = owned ? readClaim(Atomics.load(ctl, CTL.claim)).seq : -1;
  for (;;) {
    const claim = readClaim(Atomics.add(ctl, CTL.claim, 1));
    if (claim.claimed >= claim.chunks) return { rows: done, seq: claim.seq };
    // the helper may finish one product and claim the next one's first chunk in the same call
    if (!product || claim.seq !== productSeq) {
      product = readProduct(ctl);
      productSeq = claim.seq;
    }
    const plan = chunkPlan(product.args[4]!);
    const first = plan[claim.claimed]!;
    const rows = plan[claim.claimed + 1]! - first;
    run(product.fn, product.args, first, rows);
    done += rows;
  }
}

/**
 * The open product, as the owner wrote it. Read only while holding a claimed chunk: until that
 * chunk's rows are done the owner keeps the product open, so the read is of that product.
 */
function readProduct(ctl: Int32Array): OpenProduct {
  const args: number[] = [];
  for (let k = 0; k < 8; k++) args.push(Atomics.load(ctl, CTL.args + k));
  return { fn: Atomics.load(ctl, CTL.fn), args };
}
