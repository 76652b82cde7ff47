/** Test helper (not shipped, Node only): the classifiers the site serves and what PyTorch reported about them. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeClassifier, type ImageClassifier } from './classifier';

const DATA = resolve(__dirname, '../../../public/data');

/** The classifiers' files in public/data/: the digits' and the shapes'. */
export type ClassifierName = 'digit' | 'shape';

export function classifierBytes(name: ClassifierName = 'digit'): ArrayBuffer {
  const file = readFileSync(resolve(DATA, `${name}-classifier.bin`));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

/** <name>-classifier.json: the numbers scripts/data/train-<name>-classifier.py computed with torch. */
export interface TorchReport {
  heldOutCount: number;
  heldOutCorrect: number;
  heldOutAccuracy: number;
  heldOutConfidentShare: number;
  heldOutPredictions: number[];
  firstHeldOutProbabilities: number[][];
}

export function torchReport(name: ClassifierName = 'digit'): TorchReport {
  return JSON.parse(readFileSync(resolve(DATA, `${name}-classifier.json`), 'utf8')) as TorchReport;
}

const cached = new Map<ClassifierName, ImageClassifier>();

export function loadClassifier(name: ClassifierName = 'digit'): ImageClassifier {
  if (!cached.has(name)) cached.set(name, decodeClassifier(classifierBytes(name)));
  return cached.get(name)!;
}
