/** Test helper (not shipped, Node only): the classifier the site serves and what PyTorch reported about it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigitClassifier, type DigitClassifier } from './digitClassifier';

const DATA = resolve(__dirname, '../../../public/data');

export function classifierBytes(): ArrayBuffer {
  const file = readFileSync(resolve(DATA, 'digit-classifier.bin'));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

/** digit-classifier.json: the numbers scripts/data/train-digit-classifier.py computed with torch. */
export interface TorchReport {
  heldOutCount: number;
  heldOutCorrect: number;
  heldOutAccuracy: number;
  heldOutConfidentShare: number;
  heldOutPredictions: number[];
  firstHeldOutProbabilities: number[][];
}

export function torchReport(): TorchReport {
  return JSON.parse(readFileSync(resolve(DATA, 'digit-classifier.json'), 'utf8')) as TorchReport;
}

let cached: DigitClassifier | null = null;

export function loadClassifier(): DigitClassifier {
  return (cached ??= decodeDigitClassifier(classifierBytes()));
}
