import { describe, expect, it } from "vitest";
import { ERASED, maskValue } from "../../../schemas/pii/mask";

describe("maskValue", () => {
  it("keeps an ID number's region and last four", () => {
    expect(maskValue("idcard", "341002200901010213")).toBe("341002********0213");
    expect(maskValue("idcard", "34100219900101X")).toBe("341002*****101X");
  });
  it("keeps a card's last four digits only", () => {
    expect(maskValue("bankcard", "6222021001122334455")).toBe("***************4455");
  });
  it("masks a phone the way Chinese forms print it", () => {
    expect(maskValue("phone", "13812345678")).toBe("138****5678");
  });
  it("keeps a name's first character, whole code points", () => {
    expect(maskValue("text", "张小明")).toBe("张**");
    expect(maskValue("text", "𠀋子")).toBe("𠀋*");
    expect(maskValue("text", "张")).toBe("*");
  });
  it("never shows a value shorter than what it would keep", () => {
    expect(maskValue("idcard", "1234")).toBe("****");
    expect(maskValue("bankcard", "123")).toBe("***");
  });
  it("names an erased value in words", () => {
    expect(ERASED).toBe("（已擦除）");
  });
});
