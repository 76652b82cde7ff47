import { describe, expect, it } from 'vitest';
import { readWebmDuration, setWebmDuration } from './webmDuration';

// A small WebM laid out as Chrome's MediaRecorder writes one, byte by byte from the Matroska
// specification (not from the code under test): the EBML header, a Segment of unknown size, its
// Info (TimecodeScale, MuxingApp, WritingApp, no Duration), Tracks, and a Cluster of unknown size.
const bytes = (...xs: number[]): number[] => xs;
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const ebmlHeader = bytes(0x1a, 0x45, 0xdf, 0xa3, 0x80 | 15, 0x42, 0x82, 0x80 | 4, ...ascii('webm'), 0x42, 0x87, 0x81, 4, 0x42, 0x85, 0x81, 2);
const infoBody = bytes(
  0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40, // TimecodeScale = 1 000 000 (3 bytes)
  0x4d, 0x80, 0x80 | 6, ...ascii('Chrome'), // MuxingApp
  0x57, 0x41, 0x80 | 6, ...ascii('Chrome'), // WritingApp
);
const info = bytes(0x15, 0x49, 0xa9, 0x66, 0x80 | infoBody.length, ...infoBody);
const tracks = bytes(0x16, 0x54, 0xae, 0x6b, 0x80 | 3, 0xae, 0x81, 0x00);
const cluster = bytes(0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xe7, 0x81, 0x00, 0xa3, 0x84, 0x81, 0x00, 0x00, 0x80);
const UNKNOWN = bytes(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

function webm(segmentSize: number[] = UNKNOWN): Uint8Array {
  return Uint8Array.from([...ebmlHeader, 0x18, 0x53, 0x80, 0x67, ...segmentSize, ...info, ...tracks, ...cluster]);
}

describe('setWebmDuration', () => {
  it('a MediaRecorder-style file has no duration; after the fix Info holds Duration = 2345.5 ms as a float64', () => {
    const file = webm();
    expect(readWebmDuration(file)).toBeNull();
    const fixed = setWebmDuration(file, 2345.5);
    expect(readWebmDuration(fixed)).toBe(2345.5);
    expect(fixed.length).toBe(file.length + 11);
    // Info's size grew by the 11 bytes of Duration (0x44 0x89, size 0x88, 8 bytes of float).
    const infoAt = ebmlHeader.length + 4 + UNKNOWN.length;
    expect(Array.from(fixed.subarray(infoAt, infoAt + 5))).toEqual([0x15, 0x49, 0xa9, 0x66, 0x80 | (infoBody.length + 11)]);
    const durAt = infoAt + 5 + infoBody.length;
    expect(Array.from(fixed.subarray(durAt, durAt + 3))).toEqual([0x44, 0x89, 0x88]);
    expect(new DataView(fixed.buffer, durAt + 3, 8).getFloat64(0)).toBe(2345.5);
    // Everything after Info (tracks, the cluster and its frame) is byte for byte the same.
    expect(Array.from(fixed.subarray(durAt + 11))).toEqual([...tracks, ...cluster]);
    expect(Array.from(fixed.subarray(0, infoAt))).toEqual(Array.from(file.subarray(0, infoAt)));
  });

  it('counts Duration in TimecodeScale units: at 100 000 ns per unit, 1500 ms is 15 000 units', () => {
    const body = [0x2a, 0xd7, 0xb1, 0x83, 0x01, 0x86, 0xa0, ...infoBody.slice(7)]; // TimecodeScale = 100 000
    const file = Uint8Array.from([...ebmlHeader, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, 0x15, 0x49, 0xa9, 0x66, 0x80 | body.length, ...body, ...tracks]);
    const fixed = setWebmDuration(file, 1500);
    const durAt = fixed.length - tracks.length - 8;
    expect(new DataView(fixed.buffer, durAt, 8).getFloat64(0)).toBe(15000);
    expect(readWebmDuration(fixed)).toBe(1500);
  });

  it('grows a Segment of known size by the same 11 bytes', () => {
    const rest = info.length + tracks.length + cluster.length;
    const file = webm([0x40 | (rest >> 8), rest & 0xff]); // a 2-byte size
    const fixed = setWebmDuration(file, 10);
    const sizeAt = ebmlHeader.length + 4;
    expect(((fixed[sizeAt]! & 0x3f) << 8) | fixed[sizeAt + 1]!).toBe(rest + 11);
    expect(readWebmDuration(fixed)).toBe(10);
  });

  it('overwrites a Duration already there instead of adding a second one', () => {
    const once = setWebmDuration(webm(), 100);
    const twice = setWebmDuration(once, 250);
    expect(twice.length).toBe(once.length);
    expect(readWebmDuration(twice)).toBe(250);
  });

  it('leaves anything that is not WebM, or a bad duration, as it was', () => {
    const junk = Uint8Array.from([1, 2, 3, 4, 5]);
    expect(setWebmDuration(junk, 100)).toBe(junk);
    const file = webm();
    expect(setWebmDuration(file, Number.NaN)).toBe(file);
    expect(setWebmDuration(file, -1)).toBe(file);
  });
});
