import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chinaDateTime,
  chinaToday,
  civilFromDays,
  dateToSerial,
  daysFromCivil,
  daysLeft,
  formatDate,
  instantToSerial,
  isLate,
  isValidDate,
  MAX_EXCEL_SERIAL,
  serialToDate,
  serialToDateTime,
} from "../../schemas/time";

/** Any instant from 1970 to 2100. */
const instant = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }).map((t) => new Date(t));
/** Any date from 1900-01-01 to 9999-12-31, as days from 1970-01-01. */
const day = fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(9999, 12, 31) });

describe("the calendar", () => {
  it("knows month lengths and leap years", () => {
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(2022, 4, 31)).toBe(false);
    expect(isValidDate(2022, 13, 1)).toBe(false);
  });

  it("counts days from 1970-01-01 both ways, as Date does", () => {
    fc.assert(
      fc.property(day, (n) => {
        const [y, m, d] = civilFromDays(n);
        expect(daysFromCivil(y, m, d)).toBe(n);
        expect(isValidDate(y, m, d)).toBe(true);
        expect(formatDate(y, m, d)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});

describe("days in China Standard Time", () => {
  it("is a day ahead of UTC from 16:00 UTC", () => {
    expect(chinaToday(new Date("2022-08-31T15:59:59Z"))).toBe("2022-08-31");
    expect(chinaToday(new Date("2022-08-31T16:00:00Z"))).toBe("2022-09-01");
    expect(chinaDateTime(new Date("2014-09-01T01:02:03Z"))).toBe("2014-09-01 09:02:03");
    expect(chinaDateTime("2014-09-02T02:23:05.000Z")).toBe("2014-09-02 10:23:05");
    expect(chinaDateTime("昨天")).toBe("昨天");
  });

  it("counts whole days to the due date; the due day ends at 23:59:59 UTC+8", () => {
    expect(daysLeft("2014-09-01", new Date("2014-08-29T03:00:00Z"))).toBe(3);
    // 2014-08-31 20:00 UTC is already 09-01 04:00 in China.
    expect(daysLeft("2014-09-01", new Date("2014-08-31T20:00:00Z"))).toBe(0);
    expect(daysLeft("2014-09-01", new Date("2014-09-01T16:00:00Z"))).toBe(-1);
  });

  it("is late after the last millisecond of the due day in China", () => {
    expect(isLate("2014-09-01", new Date("2014-09-01T15:59:59.999Z"))).toBe(false);
    expect(isLate("2014-09-01", new Date("2014-09-01T16:00:00.000Z"))).toBe(true);
    fc.assert(
      fc.property(instant, day, (now, n) => {
        const [y, m, d] = civilFromDays(n);
        const due = formatDate(y, m, d);
        expect(isLate(due, now)).toBe(now.getTime() > Date.parse(`${due}T23:59:59.999+08:00`));
        expect(isLate(due, now)).toBe(daysLeft(due, now) < 0);
        expect(daysLeft(due, now) === 0).toBe(chinaToday(now) === due);
      }),
    );
  });
});

describe("Excel's 1900 date system", () => {
  it("counts Excel's phantom 1900-02-29", () => {
    expect(dateToSerial(1900, 1, 1)).toBe(1);
    expect(dateToSerial(1900, 2, 28)).toBe(59);
    expect(dateToSerial(1900, 3, 1)).toBe(61);
    expect(dateToSerial(2022, 9, 1)).toBe(44805);
    expect(dateToSerial(9999, 12, 31)).toBe(MAX_EXCEL_SERIAL);
    expect(serialToDate(1)).toBe("1900-01-01");
    expect(serialToDate(59)).toBe("1900-02-28");
    expect(serialToDate(60)).toBe("1900-02-29");
    expect(serialToDate(61)).toBe("1900-03-01");
    expect(serialToDate(44805.75)).toBe("2022-09-01");
  });

  it("has no serial for dates Excel cannot hold", () => {
    expect(dateToSerial(1900, 2, 29)).toBeUndefined();
    expect(dateToSerial(1899, 12, 31)).toBeUndefined();
    expect(dateToSerial(10000, 1, 1)).toBeUndefined();
    expect(dateToSerial(2022, 4, 31)).toBeUndefined();
  });

  it("turns serials into dates and back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_EXCEL_SERIAL }), (serial) => {
        const date = serialToDate(serial);
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        expect(dateToSerial(y, m, d)).toBe(serial === 60 ? undefined : serial);
        // Independent check from 1900-03-01 on, where serials are days since 1899-12-30.
        if (serial > 60)
          expect(date).toBe(new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it("writes instants as serials of China time, to the second", () => {
    const serial = instantToSerial("2014-08-28T02:30:00.000Z") as number;
    expect(serial).toBe(41879 + 10.5 / 24);
    expect(serialToDateTime(serial)).toBe("2014-08-28 10:30");
    expect(instantToSerial("not a time")).toBeNull();
    fc.assert(
      fc.property(instant, (at) => {
        const s = instantToSerial(at.toISOString()) as number;
        expect(serialToDate(s)).toBe(chinaToday(at));
        expect(serialToDateTime(s)).toBe(chinaDateTime(new Date(Math.round(at.getTime() / 1000) * 1000)).slice(0, 16));
      }),
    );
  });
});
