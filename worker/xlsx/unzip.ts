import { XlsxError } from "./errors";
import type { ReadLimits } from "./limits";
import { crc32 } from "./zip";

/**
 * A ZIP reader for uploads (PKWARE APPNOTE 6.3.x), refusing hostile archives
 * before inflating anything: the central directory (4.3.12) is the one source
 * of names and sizes — local headers are only used to find where an entry's
 * data starts (their sizes may be zero with a data descriptor, 4.3.9). Entries
 * are stored or deflated (the platform's DecompressionStream "deflate-raw");
 * no ZIP64, no encryption, no split archives. While inflating, an entry stops
 * as soon as it outgrows its declared size, and its CRC-32 is checked.
 */

export interface ZipEntryInfo {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Compressed input is fed in slices so one slice can never inflate to more than ~8 MB (deflate's 1,032:1 ceiling). */
const SLICE = 8 * 1024;

function isOle(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

/** The end of central directory record, searched backwards over a possible comment (4.3.16). */
function findEnd(bytes: Uint8Array, view: DataView): number {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END && at + 22 + view.getUint16(at + 20, true) <= bytes.length) return at;
  }
  return -1;
}

export class ZipArchive {
  private constructor(
    private readonly archive: Uint8Array,
    readonly entries: Map<string, ZipEntryInfo>,
  ) {}

  static open(bytes: Uint8Array, limits: ReadLimits): ZipArchive {
    if (bytes.length >= 8 && isOle(bytes)) throw new XlsxError("xls");
    if (bytes.length > limits.maxCompressedBytes) throw new XlsxError("too_large", `${bytes.length} bytes`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length >= 22 ? findEnd(bytes, view) : -1;
    if (end < 0) {
      const looksZip = bytes.length >= 4 && view.getUint32(0, true) === LOCAL;
      throw new XlsxError(looksZip ? "corrupt" : "not_zip", "no end of central directory");
    }
    if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) throw new XlsxError("unsupported", "ZIP64");
    if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0)
      throw new XlsxError("unsupported", "split archive");
    const count = view.getUint16(end + 10, true);
    const dirSize = view.getUint32(end + 12, true);
    const dirOffset = view.getUint32(end + 16, true);
    if (count > limits.maxEntries) throw new XlsxError("too_many_entries", `${count} entries`);
    if (dirOffset + dirSize > end) throw new XlsxError("corrupt", "central directory out of bounds");

    const decoder = new TextDecoder();
    const entries = new Map<string, ZipEntryInfo>();
    let declared = 0;
    let at = dirOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw new XlsxError("corrupt", `central entry ${i}`);
      const flags = view.getUint16(at + 8, true);
      const method = view.getUint16(at + 10, true);
      const compressedSize = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      if (next > end) throw new XlsxError("corrupt", `central entry ${i}`);
      // Names are UTF-8 when bit 11 says so; OOXML part names are ASCII anyway (OPC, ECMA-376 Part 2 §9.1.1).
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      // Bit 0: traditional or strong encryption (4.4.4); method 99: WinZip AES.
      if (flags & 1 || method === 99) throw new XlsxError("encrypted", name);
      if (compressedSize === 0xffffffff || size === 0xffffffff) throw new XlsxError("unsupported", `ZIP64 ${name}`);
      if (method !== 0 && method !== 8) throw new XlsxError("unsupported", `method ${method} ${name}`);
      if (method === 0 && compressedSize !== size) throw new XlsxError("corrupt", `stored sizes ${name}`);
      if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxRatio)
        throw new XlsxError("zip_bomb", `${name}: ${compressedSize} → ${size}`);
      declared += size;
      if (declared > limits.maxUncompressedBytes) throw new XlsxError("too_large", `declared ${declared}`);
      if (entries.has(name)) throw new XlsxError("corrupt", `duplicate ${name}`);
      entries.set(name, {
        name,
        method,
        crc: view.getUint32(at + 16, true),
        compressedSize,
        size,
        localOffset: view.getUint32(at + 42, true),
      });
      at = next;
    }
    return new ZipArchive(bytes, entries);
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** Part names compare case-insensitively (ECMA-376 Part 2 §9.1.1.1); writers differ in case. */
  private entry(name: string): ZipEntryInfo | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [key, entry] of this.entries) if (key.toLowerCase() === lower) return entry;
    return undefined;
  }

  /** The entry's bytes, inflated and checked; undefined when there is no such entry. */
  async bytes(name: string): Promise<Uint8Array | undefined> {
    const entry = this.entry(name);
    if (!entry) return undefined;
    const view = new DataView(this.archive.buffer, this.archive.byteOffset, this.archive.byteLength);
    const local = entry.localOffset;
    if (local + 30 > this.archive.length || view.getUint32(local, true) !== LOCAL)
      throw new XlsxError("corrupt", `local header ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + entry.compressedSize > this.archive.length) throw new XlsxError("corrupt", `truncated ${name}`);
    const raw = this.archive.subarray(start, start + entry.compressedSize);
    const data = entry.method === 0 ? raw : await inflate(raw, entry.size, name);
    if (data.length !== entry.size) throw new XlsxError("corrupt", `size ${name}`);
    if (crc32(data) !== entry.crc) throw new XlsxError("corrupt", `CRC ${name}`);
    return data;
  }

  /** The entry as text (UTF-8, or UTF-16 with a byte order mark, XML 1.0 §4.3.3). */
  async text(name: string): Promise<string | undefined> {
    const data = await this.bytes(name);
    if (!data) return undefined;
    if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
    if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
    return new TextDecoder().decode(data);
  }
}

/**
 * Inflates at most `expected` bytes, the declared size: the first byte beyond
 * stops it. With the declared total checked at open, that bounds the total.
 */
export async function inflate(
  raw: Uint8Array,
  expected: number,
  name: string,
  /** How many compressed bytes were handed to the stream (tests: how far a bomb got). */
  progress: { fed: number } = { fed: 0 },
): Promise<Uint8Array> {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const feed = (async () => {
    for (let at = 0; at < raw.length && !stopped; at += SLICE) {
      progress.fed = Math.min(at + SLICE, raw.length);
      await writer.write(raw.subarray(at, at + SLICE));
      // The runtime's stream inflates each write whole and queues the output without backpressure (workerd
      // accepted 1 MB of a bomb, ~170 MB inflated, before 1 MB was read): the next slice waits until the
      // reader has drained this one's output (its reads resolve as microtasks, before this timer).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (!stopped) await writer.close();
  })();
  feed.catch(() => {}); // a failure shows on the reading side; a cancelled read fails the writes
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > expected) throw new XlsxError("zip_bomb", `${name} inflates beyond its declared ${expected} bytes`);
      chunks.push(value);
    }
  } catch (e) {
    // Stop feeding too: a cancelled read alone may leave the stream inflating what was already written.
    stopped = true;
    reader.cancel().catch(() => {});
    writer.abort().catch(() => {});
    if (e instanceof XlsxError) throw e;
    throw new XlsxError("corrupt", `${name}: ${String(e)}`);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
