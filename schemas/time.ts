/**
 * Time as the forms count it, one function per concept:
 * - the calendar (valid dates, day numbers) — plain integer arithmetic, since
 *   it runs for every date cell and 身份证号 of a roster;
 * - days in China Standard Time (UTC+8, no daylight saving): the notices set
 *   due dates in it, while a Worker runs in UTC and a clerk's PC may run in any
 *   zone, so nothing here reads the local time zone;
 * - Excel's 1900 date system: a date is a serial number of days, a time of day
 *   its fraction.
 */

export const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

// ---------------------------------------------------------------------------
// The calendar (proleptic Gregorian)

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `2022-09-01`: the YYYY-MM-DD shape of a date that exists (not 2022-13-45, not 2023-02-29). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** YYYY-MM-DD of a valid date (years 0–9999). */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** Days from 1970-01-01 to a date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date a day count from 1970-01-01 falls on (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

// ---------------------------------------------------------------------------
// Days in China Standard Time

/** Days from 1970-01-01 to the day it is in China at `at`. */
function chinaDay(at: number): number {
  return Math.floor((at + CHINA_OFFSET_MS) / DAY_MS);
}

/** Days from 1970-01-01 to a YYYY-MM-DD date; NaN for anything else. */
function isoDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** Today's date in China as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * `2014-09-02 10:23:05`: an instant as a clock in China shows it (audit
 * trails, 最后更新). Text that is not an instant is returned as it is.
 */
export function chinaDateTime(at: Date | string): string {
  const t = typeof at === "string" ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) return String(at);
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Whole days from today (in China) to `dueDate` (YYYY-MM-DD): 0 = due today, negative = overdue. */
export function daysLeft(dueDate: string, now: Date): number {
  return isoDay(dueDate) - chinaDay(now.getTime());
}

/** A due date is inclusive in China: late once its day has ended there (after 23:59:59.999 UTC+8). */
export function isLate(dueDate: string, now: Date): boolean {
  return daysLeft(dueDate, now) < 0;
}

// ---------------------------------------------------------------------------
// Excel's 1900 date system

/** Serial 0 as an instant: 1899-12-30, so that serial 61 is 1900-03-01 (see `dateToSerial`). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days from 1970-01-01 to Excel's serial 0 (1899-12-30). */
const EXCEL_EPOCH_DAYS = -25569;
/** Serial 60: Excel's 1900-02-29 that never was, kept for Lotus 1-2-3 compatibility. */
export const PHANTOM_SERIAL = 60;
/** 9999-12-31, Excel's last date. */
export const MAX_EXCEL_SERIAL = 2958465;

/**
 * Excel's serial of a date: 1 = 1900-01-01, …, 59 = 1900-02-28, (60 = the
 * phantom 1900-02-29), 61 = 1900-03-01. Undefined for a date that does not
 * exist or that Excel cannot hold (before 1900, after 9999): Excel keeps such
 * typed text as text.
 */
export function dateToSerial(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 9999 || !isValidDate(year, month, day)) return undefined;
  const serial = daysFromCivil(year, month, day) - EXCEL_EPOCH_DAYS;
  return serial > PHANTOM_SERIAL ? serial : serial - 1;
}

/**
 * The date of a serial as Excel shows it (YYYY-MM-DD; the fraction, a time of
 * day, is dropped). Serial 60 shows as 1900-02-29, a date no calendar has:
 * whoever reads dates from serials must treat it first.
 */
export function serialToDate(serial: number): string {
  const s = Math.floor(serial);
  if (s === PHANTOM_SERIAL) return "1900-02-29";
  const [y, m, d] = civilFromDays(EXCEL_EPOCH_DAYS + (s < PHANTOM_SERIAL ? s + 1 : s));
  return formatDate(y, m, d);
}

/** An ISO instant → the Excel serial of that moment on a clock in China, to the second; null if not an instant. */
export function instantToSerial(iso: string): number | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.round(((t + CHINA_OFFSET_MS - EXCEL_EPOCH_MS) / DAY_MS) * 86_400) / 86_400;
}

/** `2014-09-01 10:23`: a date-and-time serial (from 1900-03-01 on) as a `yyyy-mm-dd hh:mm` cell shows it. */
export function serialToDateTime(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS)).toISOString().slice(0, 16).replace("T", " ");
}
