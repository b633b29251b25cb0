import { describe, expect, it } from "vitest";
import { missingFeatures, type FillHost } from "../../../addin/fill/features";

const fn = () => undefined;
const storage = () => {
  const m = new Map<string, string>();
  return { setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
};
const modern = (): FillHost => ({
  fetch: fn,
  Promise: fn,
  FormData: fn,
  Blob: fn,
  AbortController: fn,
  URLSearchParams: fn,
  URL: { createObjectURL: fn },
  sessionStorage: storage(),
});

describe("whether /fill.html's script may take over the page", () => {
  it("a current browser has everything", () => {
    expect(missingFeatures(modern())).toEqual([]);
  });

  it("an old browser without fetch or AbortController keeps the plain form", () => {
    expect(missingFeatures({ ...modern(), fetch: undefined, AbortController: undefined })).toEqual([
      "fetch",
      "AbortController",
    ]);
  });

  it("a storage that throws on write (Safari private mode, a policy) counts as missing", () => {
    const throwing = {
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: fn,
    };
    expect(missingFeatures({ ...modern(), sessionStorage: throwing })).toEqual(["sessionStorage"]);
    expect(missingFeatures({ ...modern(), URL: {} })).toEqual(["URL.createObjectURL"]);
  });
});
