/**
 * Hand-written checks of JSON shapes, so the task pane does not ship zod
 * (schemas/api/* are zod, ~80 KB gzip with the library): a few combinators
 * whose result types follow the shape they check. What the Worker answers and
 * what the outbox stored are checked with them (api-guards.ts, outbox.ts).
 *
 * A guard answers true/false; given a `Mismatch`, it also records where the
 * first misfit is, which `bad_response` reports in its details.
 */
/** Where a value did not fit: the path to it and what was expected there. */
export class Mismatch {
  path: (string | number)[] = [];
  expected = "";
  get message(): string {
    return `expected ${this.expected}`;
  }
  get where(): string {
    return this.path.join(".");
  }
}

export type Guard<T> = (value: unknown, miss?: Mismatch) => value is T;
type Of<G> = G extends Guard<infer T> ? T : never;
type Shape = Record<string, Guard<unknown>>;

function leaf<T>(expected: string, test: (v: unknown) => boolean): Guard<T> {
  return (v, miss): v is T => {
    if (test(v)) return true;
    if (miss) miss.expected = expected;
    return false;
  };
}

/** A JSON object (not null, not an array). */
export function isRecordLike(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export const str: Guard<string> = leaf("string", (v) => typeof v === "string");
export const num: Guard<number> = leaf("number", (v) => typeof v === "number" && Number.isFinite(v));
export const int: Guard<number> = leaf("integer", (v) => Number.isSafeInteger(v));
export const bool: Guard<boolean> = leaf("boolean", (v) => typeof v === "boolean");
export const unknownValue: Guard<unknown> = (_v): _v is unknown => true;
export const never: Guard<never> = leaf("nothing", () => false);

export function literal<const T extends string | number>(...values: T[]): Guard<T> {
  return leaf(values.map((v) => JSON.stringify(v)).join(" | "), (v) => (values as unknown[]).includes(v));
}

export function nullable<T>(g: Guard<T>): Guard<T | null> {
  return (v, miss): v is T | null => v === null || g(v, miss);
}

export function optional<T>(g: Guard<T>): Guard<T | undefined> {
  return (v, miss): v is T | undefined => v === undefined || g(v, miss);
}

export function oneOf<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return (v, miss): v is A | B => a(v) || b(v, miss);
}

export function array<T>(g: Guard<T>): Guard<T[]> {
  return (v, miss): v is T[] => {
    if (!Array.isArray(v)) {
      if (miss) miss.expected = "array";
      return false;
    }
    for (let i = 0; i < v.length; i++) {
      if (!g(v[i], miss)) {
        miss?.path.unshift(i);
        return false;
      }
    }
    return true;
  };
}

export function record<T>(g: Guard<T>): Guard<Record<string, T>> {
  return (v, miss): v is Record<string, T> => {
    if (!isRecordLike(v)) {
      if (miss) miss.expected = "object";
      return false;
    }
    for (const k of Object.keys(v)) {
      if (!g(v[k], miss)) {
        miss?.path.unshift(k);
        return false;
      }
    }
    return true;
  };
}

/** An object with (at least) these fields; other fields are let through. */
export function object<S extends Shape>(shape: S): Guard<{ [K in keyof S]: Of<S[K]> }> {
  const keys = Object.keys(shape);
  return (v, miss): v is { [K in keyof S]: Of<S[K]> } => {
    if (!isRecordLike(v)) {
      if (miss) miss.expected = "object";
      return false;
    }
    for (const k of keys) {
      if (!(shape[k] as Guard<unknown>)(v[k], miss)) {
        miss?.path.unshift(k);
        return false;
      }
    }
    return true;
  };
}

export function tuple<A, B>(a: Guard<A>, b: Guard<B>): Guard<[A, B]> {
  return (v, miss): v is [A, B] => {
    if (!Array.isArray(v) || v.length !== 2) {
      if (miss) miss.expected = "[a, b]";
      return false;
    }
    if (!a(v[0], miss)) {
      miss?.path.unshift(0);
      return false;
    }
    if (!b(v[1], miss)) {
      miss?.path.unshift(1);
      return false;
    }
    return true;
  };
}
