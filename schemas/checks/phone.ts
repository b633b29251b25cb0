/**
 * 联系电话 as written on the official notices: a mobile number, or a landline
 * with optional area code and extension ("0559-2315822", "63211939-3151",
 * "(021)63211939转3151").
 *
 * Normalised forms: mobile → 11 digits; landline → area-number-extension joined
 * by "-" with absent parts left out ("021-63211939-3151", "63211939-3151").
 */

export type PhoneResult = { ok: true; value: string } | { ok: false; reason: string };

/** Separators people put inside mobile numbers: "138 1234 5678", "138-1234-5678". */
const MOBILE_SEPARATORS = /[\s-]+/g;
/** Optional country code (+86, 86, 0086), then 1[3-9] and 9 more digits. */
const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;

/**
 * Area codes are 010 and 020–029 (three digits) or 03xx–09xx (four digits), so
 * the split is unambiguous even without a separator ("05592315822"). Local
 * numbers have 7–8 digits and never start with 0 or 1. An extension follows
 * "-" or "转".
 */
const LANDLINE =
  /^(?:\(\s*(0(?:[12]\d|[3-9]\d\d))\s*\)\s*-?\s*|(0(?:[12]\d|[3-9]\d\d))\s*-?\s*)?([2-9]\d{6,7})(?:\s*(?:-|转)\s*(\d{1,6}))?$/;

const REASON = "格式不正确（手机号为 11 位，座机如 0559-2315822、021-63211939-3151）";

export function checkPhone(raw: string): PhoneResult {
  const s = raw.trim();
  const mobile = MOBILE.exec(s.replace(MOBILE_SEPARATORS, ""));
  if (mobile) return { ok: true, value: mobile[1] as string };

  const land = LANDLINE.exec(s);
  if (!land) return { ok: false, reason: REASON };
  const area = land[1] ?? land[2];
  const number = land[3] as string;
  const ext = land[4];
  let value = area ? `${area}-${number}` : number;
  if (ext) value += `-${ext}`;
  return { ok: true, value };
}
