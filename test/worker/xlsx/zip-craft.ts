/**
 * Hostile and broken ZIPs for the reader's tests, made by patching the header
 * fields of a real ZIP (worker/xlsx/zip.ts) at the offsets of PKWARE APPNOTE
 * 6.3.x §4.3.7 (local header) and §4.3.12 (central directory header).
 */

/** Offsets of the central directory headers, in order. */
export function centralHeaders(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(at);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

export type HeaderField = "flags" | "method" | "crc" | "compressedSize" | "size";
/** [offset in the central header, offset in the local header, bytes]. */
const FIELDS: Record<HeaderField, [number, number, 2 | 4]> = {
  flags: [8, 6, 2],
  method: [10, 8, 2],
  crc: [16, 14, 4],
  compressedSize: [20, 18, 4],
  size: [24, 22, 4],
};

/** A copy with one field of entry `index` set, in both its central and local headers. */
export function patch(bytes: Uint8Array, index: number, field: HeaderField, value: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const central = centralHeaders(out)[index] as number;
  const local = view.getUint32(central + 42, true);
  const [c, l, width] = FIELDS[field];
  for (const at of [central + c, local + l]) {
    if (width === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value, true);
  }
  return out;
}

/** Where entry `index`'s data starts. */
export function dataOffset(bytes: Uint8Array, index: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = view.getUint32((centralHeaders(bytes)[index] as number) + 42, true);
  return local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
}

export function field(bytes: Uint8Array, index: number, name: HeaderField): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [c, , width] = FIELDS[name];
  const at = (centralHeaders(bytes)[index] as number) + c;
  return width === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
}

/**
 * Raw deflate (RFC 1951) of `total` zero bytes, written by hand in one block
 * of fixed Huffman codes: a literal 0, then copies of 258 bytes at distance 1
 * (13 bits each, ~160:1). Compressing 1 GB through CompressionStream would
 * take longer than a test may; this takes milliseconds. `total - 1` must be a
 * multiple of 258.
 */
export function deflatedZeros(total: number): Uint8Array {
  const copies = (total - 1) / 258;
  if (!Number.isInteger(copies)) throw new Error("total - 1 must be a multiple of 258");
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 1);
  let bit = 0;
  const bits = (value: number, count: number): void => {
    for (let i = 0; i < count; i++, bit++)
      if ((value >> i) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (1 << (bit & 7));
  };
  /** Huffman codes go most significant bit first (§3.1.1). */
  const code = (value: number, count: number): void => {
    for (let i = count - 1; i >= 0; i--, bit++)
      if ((value >> i) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (1 << (bit & 7));
  };
  bits(1, 1); // BFINAL
  bits(1, 2); // BTYPE 01: fixed Huffman codes
  code(0x30, 8); // literal 0
  const copy = (): void => {
    code(0xc5, 8); // length code 285: 258 bytes
    code(0, 5); // distance code 0: distance 1
  };
  // The copies repeat every 8 (104 bits = 13 bytes): write two rounds bit by bit, then repeat bytes.
  const rounds = Math.floor(copies / 8);
  const bitwise = Math.min(copies, 16);
  for (let i = 0; i < bitwise; i++) copy();
  if (rounds > 2) {
    const end = 11 + rounds * 104;
    for (let i = bit >> 3; i <= end >> 3; i++) out[i] = out[i - 13] as number;
    out[end >> 3] = (out[end >> 3] as number) & ((1 << (end & 7)) - 1); // no bits past the last copy
    bit = end;
  }
  for (let i = Math.max(rounds, 2) * 8; i < copies; i++) copy();
  code(0, 7); // end of block (256)
  return out.subarray(0, (bit + 7) >> 3);
}

/**
 * A ZIP of one deflated entry with whatever header values, written by hand
 * (zip.ts would compute true sizes and CRC).
 */
export function rawZip(
  name: string,
  data: Uint8Array,
  header: { crc: number; size: number; method?: number },
): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const central = new Uint8Array(46 + nameBytes.length);
  const end = new Uint8Array(22);
  const lv = new DataView(local.buffer);
  const cv = new DataView(central.buffer);
  const ev = new DataView(end.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, header.method ?? 8, true);
  lv.setUint32(14, header.crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, header.size, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, header.method ?? 8, true);
  cv.setUint32(16, header.crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, header.size, true);
  cv.setUint16(28, nameBytes.length, true);
  central.set(nameBytes, 46);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + data.length, true);
  const out = new Uint8Array(local.length + data.length + central.length + end.length);
  out.set(local, 0);
  out.set(data, local.length);
  out.set(central, local.length + data.length);
  out.set(end, local.length + data.length + central.length);
  return out;
}

export function entryIndex(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  const i = centralHeaders(bytes).findIndex(
    (at) => decoder.decode(bytes.subarray(at + 46, at + 46 + view.getUint16(at + 28, true))) === name,
  );
  if (i < 0) throw new Error(`no entry ${name}`);
  return i;
}
