/**
 * A minimal WebAssembly binary writer, enough for the few SIMD kernels of ./kernels.ts: functions
 * over i32/f32/v128 locals, one imported memory, exported functions. The kernels are generated
 * at run time (no toolchain, no binary in the repository); the encoding follows the WebAssembly
 * core specification, §5 "Binary Format", and the SIMD and relaxed-SIMD proposals' opcodes.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

function u32(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

function s32(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...u32(bytes.length), ...bytes];
}

function vec(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...u32(bytes.length), ...bytes];
}

/** Opcodes used by the kernels (core, then SIMD after the 0xfd prefix). */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40,
  i32Eqz: 0x45, i32Ne: 0x47, i32LtU: 0x49, i32GeU: 0x4f, i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32And: 0x71, i32Shl: 0x74,
  i32Load: 0x28, f32Load: 0x2a, f32Store: 0x38, f32Add: 0x92, f32Mul: 0x94,
} as const;

export const SIMD = {
  load: 0x00, load32Splat: 0x09, store: 0x0b, const: 0x0c, shuffle: 0x0d, i32x4Splat: 0x11, f32x4Splat: 0x13, f32x4ExtractLane: 0x1f,
  i32x4Eq: 0x37, f32x4Lt: 0x43, f32x4Gt: 0x44, v128And: 0x4e, v128AndNot: 0x4f, v128Xor: 0x51, v128Bitselect: 0x52, f32x4Nearest: 0x6a,
  i32x4Shl: 0xab, i32x4Add: 0xae, f32x4Abs: 0xe0, f32x4Sqrt: 0xe3, f32x4Add: 0xe4, f32x4Sub: 0xe5, f32x4Mul: 0xe6, f32x4Div: 0xe7, f32x4Max: 0xe9,
  i32x4TruncSatF32x4S: 0xf8, f32x4RelaxedMadd: 0x105,
} as const;

/** A function being written: parameters, locals and a flat instruction stream. */
export class FnBuilder {
  private readonly locals: ValType[] = [];
  readonly code: number[] = [];

  constructor(readonly params: ValType[], readonly results: ValType[] = []) {}

  /** A new local of `type`; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(i: number): this {
    return this.op(0x20, ...u32(i));
  }

  set(i: number): this {
    return this.op(0x21, ...u32(i));
  }

  i32(n: number): this {
    return this.op(0x41, ...s32(n));
  }

  f32(x: number): this {
    return this.op(0x43, ...new Uint8Array(Float32Array.of(x).buffer));
  }

  /** A SIMD instruction (0xfd prefix) with its immediates. */
  simd(code: number, ...imm: number[]): this {
    return this.op(0xfd, ...u32(code), ...imm);
  }

  /** A memory access immediate: log2 alignment and byte offset. */
  static mem(alignLog2: number, offset = 0): number[] {
    return [...u32(alignLog2), ...u32(offset)];
  }

  /** v128.const 0. */
  zero(): this {
    return this.simd(SIMD.const, ...new Array<number>(16).fill(0));
  }

  /** `block { loop { body } }`, where the body may `br 1` to leave and `br 0` to repeat. */
  loop(body: () => void): this {
    this.op(OP.block, OP.void, OP.loop, OP.void);
    body();
    return this.op(OP.br, 0, OP.end, OP.end);
  }

  /** Leave the enclosing loop() when the i32 on the stack is non-zero. */
  breakIf(): this {
    return this.op(OP.brIf, 1);
  }

  encodeBody(): number[] {
    const groups: Array<[number, ValType]> = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const bytes = [...vec(groups.map(([n, t]) => [...u32(n), t])), ...this.code, OP.end];
    return [...u32(bytes.length), ...bytes];
  }
}

/** The imported memory: its size in 64 KiB pages, and whether it is shared between threads (then it needs a maximum). */
export interface MemoryImport {
  minPages: number;
  shared?: { maxPages: number };
}

/** A module importing memory `env.mem` and exporting the functions by name. */
export function encodeModule(functions: Array<[string, FnBuilder]>, memory: MemoryImport = { minPages: 1 }): Uint8Array<ArrayBuffer> {
  const types = section(1, vec(functions.map(([, f]) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.results.map((r) => [r]))])));
  // limits: 0x00 min | 0x03 shared, min, max (the threads proposal)
  const limits = memory.shared ? [0x03, ...u32(memory.minPages), ...u32(memory.shared.maxPages)] : [0x00, ...u32(memory.minPages)];
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, ...limits]]));
  const funcs = section(3, vec(functions.map((_, k) => u32(k))));
  const exports = section(7, vec(functions.map(([n], k) => [...name(n), 0x00, ...u32(k)])));
  const code = section(10, vec(functions.map(([, f]) => f.encodeBody())));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...code]);
}
