/** Test helper (not shipped, Node only): the digits file the site serves, decoded as the page will decode it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, type DigitSet } from './digits';

export const DIGITS_PATH = resolve(__dirname, '../../../public/data/digits-8x8.bin');

/** The raw bytes of public/data/digits-8x8.bin as an ArrayBuffer of their own. */
export function digitsBytes(): ArrayBuffer {
  const file = readFileSync(DIGITS_PATH);
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

let cached: DigitSet | null = null;

export function loadDigits(): DigitSet {
  return (cached ??= decodeDigits(digitsBytes()));
}
