/**
 * Writes the shapes splits (src/engine/datasets/shapeSplits.ts, drawn by the engine's own seeded
 * generator) to one binary file for scripts/data/train-shape-classifier.py:
 *   magic "SHP1", uint32 side, uint32 classes, uint32 nTrain, uint32 nHeldOut, then float32 pixels
 *   (nTrain × side², then nHeldOut × side²), uint8 labels (nTrain, then nHeldOut); little-endian.
 * Run: node scripts/data/shapes-split.mjs /tmp/shapes-split.bin
 */
import { writeFileSync } from 'node:fs';
import { shapesHeldOut, shapesTrain } from '../../src/engine/datasets/shapeSplits';

export function main(argv: string[]): number {
  const out = argv[0];
  if (!out) throw new Error('usage: node scripts/data/shapes-split.mjs OUT.bin');
  const train = shapesTrain();
  const held = shapesHeldOut();
  const header = new Uint32Array([train.width, train.classes, train.n, held.n]);
  const parts = [Buffer.from('SHP1'), Buffer.from(header.buffer), Buffer.from(train.points.buffer), Buffer.from(held.points.buffer), Buffer.from(train.labels), Buffer.from(held.labels)];
  writeFileSync(out, Buffer.concat(parts));
  console.log(`shapes: ${train.n} training and ${held.n} held-out ${train.width}×${train.height} images → ${out}`);
  return 0;
}
