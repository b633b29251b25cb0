import { describe, expect, it } from "vitest";
import { compactAddresses, parseAreas, parseRange } from "../../../schemas/layout/address";

describe("addresses", () => {
  it("compacts runs both ways", () => {
    expect(compactAddresses(["C6", "C7", "C8"])).toEqual(["$C$6:$C$8"]);
    expect(compactAddresses(["D10", "E10", "F10"])).toEqual(["$D$10:$F$10"]);
    expect(compactAddresses(["C6", "C8"], false)).toEqual(["C6", "C8"]);
  });

  it("parses whole rows, columns and multi-area addresses", () => {
    expect(parseRange("'金秋 助学'!B3:D5")).toEqual({ top: 3, left: 2, bottom: 5, right: 4 });
    expect(parseRange("5:7")).toMatchObject({ top: 5, bottom: 7, left: 1 });
    expect(parseAreas("A1, C3:D4")).toHaveLength(2);
  });
});
