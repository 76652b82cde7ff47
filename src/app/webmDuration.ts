/**
 * Writes the duration into a WebM file made by MediaRecorder.
 *
 * Browsers stream a recording as it is made, so its header never learns how long the clip is:
 * the Segment's Info element has no Duration, and players show no length and cannot seek (Chrome
 * reports `duration` as Infinity). This inserts Duration (or overwrites it) in Info, the small
 * fix that `fix-webm-duration` also makes, written here in a few lines instead of a dependency.
 *
 * WebM is Matroska, which is EBML: each element is an ID (1–4 bytes, the count given by its
 * leading zero bits, marker bit kept), a size (a variable-length integer of 1–8 bytes, marker bit
 * dropped; all value bits set means "unknown size", which MediaRecorder uses for the Segment), then
 * its data. Duration (ID 0x4489) is a float counted in TimecodeScale units (0x2AD7B1, default
 * 1 000 000 ns, i.e. milliseconds).
 */

const EBML_ID = 0x1a45dfa3;
const SEGMENT_ID = 0x18538067;
const INFO_ID = 0x1549a966;
const TIMECODE_SCALE_ID = 0x2ad7b1;
const DURATION_ID = 0x4489;
const DEFAULT_TIMECODE_SCALE = 1_000_000;

interface Vint {
  value: number;
  length: number;
  /** All value bits set: an element of unknown size. */
  unknown: boolean;
}

/** An element ID at `pos`: its value with the marker bit kept, and its length in bytes. */
function readId(b: Uint8Array, pos: number): { id: number; length: number } | null {
  const first = b[pos];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1 for 1xxxxxxx … 4 for 0001xxxx
  if (length > 4 || pos + length > b.length) return null;
  let id = 0;
  for (let k = 0; k < length; k++) id = id * 256 + b[pos + k]!;
  return { id, length };
}

/** A size at `pos` (marker bit dropped). */
function readSize(b: Uint8Array, pos: number): Vint | null {
  const first = b[pos];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (length > 8 || pos + length > b.length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let k = 1; k < length; k++) {
    value = value * 256 + b[pos + k]!;
    if (b[pos + k] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: allOnes };
}

/** `value` as a size of exactly `length` bytes (1–8), or null if it does not fit. */
function encodeSize(value: number, length: number): Uint8Array | null {
  // The all-ones pattern of a length is reserved for "unknown", so the largest size is one less.
  if (value >= 2 ** (7 * length) - 1) return null;
  const out = new Uint8Array(length);
  let v = value;
  for (let k = length - 1; k >= 0; k--) {
    out[k] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = out[0]! | (0x80 >> (length - 1));
  return out;
}

interface Element {
  id: number;
  /** Where the element starts (its ID). */
  start: number;
  /** Where its size starts. */
  sizeAt: number;
  size: Vint;
  /** Where its data starts. */
  dataAt: number;
  /** Where its data ends (the file's end for an unknown size). */
  end: number;
}

function readElement(b: Uint8Array, pos: number, limit: number): Element | null {
  const id = readId(b, pos);
  if (!id) return null;
  const size = readSize(b, pos + id.length);
  if (!size) return null;
  const dataAt = pos + id.length + size.length;
  const end = size.unknown ? limit : dataAt + size.value;
  if (end > limit) return null;
  return { id: id.id, start: pos, sizeAt: pos + id.length, size, dataAt, end };
}

function children(b: Uint8Array, parent: Element): Element[] {
  const out: Element[] = [];
  for (let pos = parent.dataAt; pos < parent.end; ) {
    const el = readElement(b, pos, parent.end);
    if (!el) break;
    out.push(el);
    if (el.size.unknown) break; // a Cluster of unknown size runs to the end
    pos = el.end;
  }
  return out;
}

function readUint(b: Uint8Array, el: Element): number {
  let v = 0;
  for (let k = el.dataAt; k < el.end; k++) v = v * 256 + b[k]!;
  return v;
}

/** The Segment and its Info, or null when `bytes` is not a WebM/Matroska file with an Info. */
function locate(bytes: Uint8Array): { segment: Element; info: Element; infoChildren: Element[] } | null {
  const header = readElement(bytes, 0, bytes.length);
  if (!header || header.id !== EBML_ID) return null;
  const segment = readElement(bytes, header.end, bytes.length);
  if (!segment || segment.id !== SEGMENT_ID) return null;
  const info = children(bytes, segment).find((el) => el.id === INFO_ID);
  if (!info || info.size.unknown) return null;
  return { segment, info, infoChildren: children(bytes, info) };
}

/** The Duration in a WebM file's Info, in milliseconds; null when it has none. */
export function readWebmDuration(bytes: Uint8Array): number | null {
  const found = locate(bytes);
  if (!found) return null;
  const duration = found.infoChildren.find((el) => el.id === DURATION_ID);
  if (!duration) return null;
  const scaleEl = found.infoChildren.find((el) => el.id === TIMECODE_SCALE_ID);
  const scale = scaleEl ? readUint(bytes, scaleEl) : DEFAULT_TIMECODE_SCALE;
  const view = new DataView(bytes.buffer, bytes.byteOffset + duration.dataAt, duration.end - duration.dataAt);
  const units = view.byteLength === 8 ? view.getFloat64(0) : view.byteLength === 4 ? view.getFloat32(0) : NaN;
  return (units * scale) / 1e6;
}

/**
 * A copy of `bytes` whose Info says the clip lasts `durationMs`. Returns `bytes` unchanged when it
 * is not a WebM file this understands (better a clip without a duration than no clip).
 */
export function setWebmDuration(bytes: Uint8Array, durationMs: number): Uint8Array {
  if (!(Number.isFinite(durationMs) && durationMs >= 0)) return bytes;
  const found = locate(bytes);
  if (!found) return bytes;
  const { segment, info, infoChildren } = found;
  const scaleEl = infoChildren.find((el) => el.id === TIMECODE_SCALE_ID);
  const scale = scaleEl ? readUint(bytes, scaleEl) : DEFAULT_TIMECODE_SCALE;
  const units = (durationMs * 1e6) / (scale || DEFAULT_TIMECODE_SCALE);

  const existing = infoChildren.find((el) => el.id === DURATION_ID);
  if (existing && (existing.end - existing.dataAt === 8 || existing.end - existing.dataAt === 4)) {
    const out = bytes.slice();
    const view = new DataView(out.buffer, out.byteOffset + existing.dataAt, existing.end - existing.dataAt);
    if (view.byteLength === 8) view.setFloat64(0, units);
    else view.setFloat32(0, units);
    return out;
  }

  // Duration: ID 0x44 0x89, size 8 (one byte, 0x88), a big-endian float64.
  const duration = new Uint8Array(11);
  duration.set([0x44, 0x89, 0x88]);
  new DataView(duration.buffer).setFloat64(3, units);

  const infoSize = encodeSize(info.size.value + duration.length, info.size.length) ?? encodeSize(info.size.value + duration.length, 8);
  if (!infoSize) return bytes;
  const grow = duration.length + infoSize.length - info.size.length;
  let segmentSize: Uint8Array | null = null;
  if (!segment.size.unknown) {
    segmentSize = encodeSize(segment.size.value + grow, segment.size.length);
    if (!segmentSize) return bytes; // would need a longer size field; leave the file as it is
  }

  const parts: Uint8Array[] = [];
  if (segmentSize) {
    parts.push(bytes.subarray(0, segment.sizeAt), segmentSize, bytes.subarray(segment.dataAt, info.sizeAt));
  } else {
    parts.push(bytes.subarray(0, info.sizeAt));
  }
  parts.push(infoSize, bytes.subarray(info.dataAt, info.end), duration, bytes.subarray(info.end));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The clip as a Blob with its duration written in (see setWebmDuration). */
export async function withWebmDuration(clip: Blob, durationMs: number): Promise<Blob> {
  const bytes = new Uint8Array(await clip.arrayBuffer());
  const fixed = setWebmDuration(bytes, durationMs);
  return fixed === bytes ? clip : new Blob([fixed as Uint8Array<ArrayBuffer>], { type: clip.type });
}
