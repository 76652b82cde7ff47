/**
 * Chapter 8, Prompts: the "text encoder" of the small-scale text-to-image analogue is a lookup
 * table. A prompt is one word (or digit) the table knows; its class number c is all the network
 * sees (eq. 7.4 then guides towards c). What is accepted, decided once here and tested:
 *  - case is ignored, and so are spaces around and doubled inside the prompt;
 *  - one leading article ("a", "an", "the") is ignored: "a seven", "The 7";
 *  - one pair of surrounding quotes is ignored ("seven" typed with its quotes, as the text shows it);
 *  - nothing else: "07", "10", "3.5", "seventy", "7s" are not in the table and are refused with the
 *    words that are. Nothing here throws: every string gets an answer.
 */

/** Words for each class: entry c lists the words that mean class c, the first shown first. */
export type PromptVocabulary = readonly (readonly string[])[];

/** The digits model's words: the digit and its English name, for 0…9. */
export const DIGIT_WORDS: PromptVocabulary = [
  ['0', 'zero'], ['1', 'one'], ['2', 'two'], ['3', 'three'], ['4', 'four'],
  ['5', 'five'], ['6', 'six'], ['7', 'seven'], ['8', 'eight'], ['9', 'nine'],
];

/**
 * The shapes model's words (src/engine/datasets/shapes.ts, SHAPE_CLASSES order): each shape's
 * name, and one common other word where there is one. "circle" is the filled disc, "ring" the outline.
 */
export const SHAPE_WORDS: PromptVocabulary = [
  ['circle', 'disc'], ['square'], ['triangle'], ['cross', 'plus'], ['ring'], ['bar', 'line'],
];

/** Longer prompts are refused before they are looked up (the longest known word is far shorter). */
export const MAX_PROMPT_LENGTH = 40;
/** How much of a refused prompt the message quotes. */
const QUOTE_LENGTH = 20;

export type PromptResult = { ok: true; classLabel: number; word: string } | { ok: false; message: string };

/** "0 or zero, 1 or one, …": every word the vocabulary knows, by class. */
export function knownWords(vocabulary: PromptVocabulary): string {
  return vocabulary.map((words) => words.join(' or ')).join(', ');
}

/** The prompt, shortened for a message: its first QUOTE_LENGTH characters and "…" when longer. */
function quote(text: string): string {
  const chars = Array.from(text.trim()); // by code point, so an emoji is not cut in half
  return `“${chars.length > QUOTE_LENGTH ? `${chars.slice(0, QUOTE_LENGTH).join('')}…` : chars.join('')}”`;
}

/** The lookup form of a prompt: lower case, single spaces, no surrounding quotes, no leading article. */
export function normalisePrompt(text: string): string {
  let s = text.trim().replace(/\s+/g, ' ').toLowerCase();
  const quoted = /^(["'“‘])(.*)(["'”’])$/.exec(s);
  if (quoted) s = quoted[2]!.trim();
  return s.replace(/^(a|an|the) (?=\S)/, '');
}

/** Looks a prompt up in `vocabulary`: its class number and the word matched, or a message that lists the known words. */
export function parsePrompt(text: string, vocabulary: PromptVocabulary): PromptResult {
  const known = `Known words: ${knownWords(vocabulary)}.`;
  if (text.trim() === '') return { ok: false, message: `Type a word to draw. ${known}` };
  if (text.length > MAX_PROMPT_LENGTH) {
    return { ok: false, message: `${quote(text)} is longer than ${MAX_PROMPT_LENGTH} characters; a prompt here is one word. ${known}` };
  }
  const word = normalisePrompt(text);
  const classLabel = vocabulary.findIndex((words) => words.includes(word));
  if (classLabel < 0) return { ok: false, message: `${quote(text)} is not a word this model knows. ${known}` };
  return { ok: true, classLabel, word };
}
