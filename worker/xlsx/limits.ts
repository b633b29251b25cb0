/**
 * How much the reader accepts before refusing a file, checked before anything
 * is inflated (from the ZIP's central directory) and again while inflating
 * (declared sizes lie). Sized for real forms with a margin, and for what one
 * Worker isolate can hold (128 MB of memory, shared with the request):
 *
 * - a 2,000-row roster workbook (黄山 助学名册 as exported) is 0.13 MB
 *   compressed and 2.4 MB of XML (18:1); a 10,000-row one ~0.7 / ~12 MB.
 *   10 MB compressed is 10× the largest real case and still a quick upload;
 * - 50 MB uncompressed in total, 4× a 10,000-row roster. The bound is memory,
 *   not disk: an inflated part is held as bytes and then as a string (two
 *   bytes a character for Chinese text); only the parts read are inflated
 *   (workbook, styles, strings, sheets, tables — not images);
 * - 1,000 entries: a workbook has ~10 + 3 per sheet; even 100 sheets with
 *   tables and drawings stay under 600;
 * - 200:1 per entry: sheet XML deflates 10–30:1, a sheet of thousands of empty
 *   styled rows ~100:1; a bomb is ~1,000:1 (deflate's ceiling is 1,032:1).
 *   Entries up to 1 MB are not held to it (tiny parts compress oddly, and they
 *   cannot blow anything up);
 * - 200,000 cells in all sheets: a read cell costs ~310 bytes of memory
 *   (measured on the 2,000-row roster: 30,042 cells, 9.4 MB), so ~62 MB; a
 *   10,000-row roster of 15 columns is 150,000.
 * - 20,000,000 characters of shared formulas copied into their cells: 10,000
 *   rows × 10 formula columns × 200 characters. A shared formula is written
 *   once and named by each cell of its range in a few bytes, so without this a
 *   megabyte formula shared by a hundred cells is 100 MB from a file of kilobytes.
 */
export interface ReadLimits {
  maxCompressedBytes: number;
  maxUncompressedBytes: number;
  maxEntries: number;
  maxRatio: number;
  /** Entries at most this large (uncompressed) are not held to `maxRatio`. */
  ratioFloorBytes: number;
  maxCells: number;
  maxFormulaChars: number;
}

export const READ_LIMITS: ReadLimits = {
  maxCompressedBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxEntries: 1_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxCells: 200_000,
  maxFormulaChars: 20_000_000,
};

export function readLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  return { ...READ_LIMITS, ...overrides };
}
