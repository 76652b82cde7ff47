/**
 * The image widgets' data-set choice (chapter 8): the 8×8 digits (model `images`) or the 16×16
 * generated shapes (model `shapes`, six words). What the page needs to know of each: its model id,
 * its words for prompts and how to name a class. Sizes are not here: they come with each sample.
 */
import { useId } from 'react';
import { DIGIT_WORDS, SHAPE_WORDS, type PromptVocabulary } from '../engine/images/promptClass';
import type { ImageModelId } from '../engine/modelIds';

export type ImageDatasetName = 'digits' | 'shapes';

export interface ImageDatasetInfo {
  model: ImageModelId;
  /** "digits DDPM" in progress lines, "the digits model" in messages. */
  name: ImageDatasetName;
  /** One class: "digit", "shape". */
  noun: string;
  words: PromptVocabulary;
  /** How a class is named in text: "7" for a digit, "ring" for a shape. */
  className: (c: number) => string;
  /** The prompt the widget opens with. */
  firstPrompt: string;
  /** What the known-words note says. */
  knownNote: string;
}

export const IMAGE_DATASET_INFO: Record<ImageDatasetName, ImageDatasetInfo> = {
  digits: {
    model: 'images', name: 'digits', noun: 'digit', words: DIGIT_WORDS, className: (c) => String(c), firstPrompt: 'seven',
    knownNote: 'This model knows the digits 0–9, as the digit or its name (“7” or “seven”).',
  },
  shapes: {
    model: 'shapes', name: 'shapes', noun: 'shape', words: SHAPE_WORDS, className: (c) => SHAPE_WORDS[c]?.[0] ?? String(c), firstPrompt: 'ring',
    knownNote: 'This model knows six shapes: circle (a filled disc), square, triangle, cross (or plus), ring (an outline) and bar (or line).',
  },
};

/** A labelled select: "data set: 8×8 digits | 16×16 shapes". */
export function ImageDatasetSelect({ value, onChange, disabled = false }: { value: ImageDatasetName; onChange: (d: ImageDatasetName) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <span className="image-dataset-select">
      <label htmlFor={id}>data set</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ImageDatasetName)} disabled={disabled} data-testid="image-dataset">
        <option value="digits">8×8 digits</option>
        <option value="shapes">16×16 shapes</option>
      </select>
    </span>
  );
}
