import { describe, expect, it } from "vitest";
import { formFileName } from "../../../../../addin/ui/sessions/fill/file-name";
import { detailLines, problemLine, refusalOf } from "../../../../../addin/ui/sessions/fill/file-words";
import { NoteDrafts } from "../../../../../addin/ui/sessions/fill/note-drafts";
import { MemoryStore } from "../../../../../addin/sync/storage";

describe("problem lines", () => {
  it("start with the address and name the cell once", () => {
    const where = "第 1 项「2014 年助学活动共筹集资金」";
    expect(problemLine({ address: "B12", where, message: "应为数字" })).toBe(`B12 ${where}：应为数字`);
    expect(problemLine({ address: "B12", where, message: `${where}不能为负数` })).toBe(`B12 ${where}不能为负数`);
    expect(problemLine({ address: "", where: "", message: "报表整体：合计不符" })).toBe("报表整体：合计不符");
    // The import's invalid_values messages already start with the address.
    expect(problemLine({ address: "C7", where, message: `C7 ${where}应填写数字` })).toBe(`C7 ${where}应填写数字`);
  });

  it("read the details of a refusal, whatever list they come in", () => {
    const conflict = { address: "C10", key: "raised", where: "第 1 项", mine: null, theirs: "80" };
    expect(detailLines([conflict])).toEqual(["C10 第 1 项：您的文件中为（空），他人已在服务器上改为「80」"]);
    expect(detailLines({ conflicts: [conflict] })).toHaveLength(1);
    expect(detailLines([{ message: "文件超过 20 MB" }, { address: "D3", message: "不是数字" }, 7])).toEqual([
      "文件超过 20 MB",
      "D3 不是数字",
    ]);
    expect(detailLines(undefined)).toEqual([]);
  });

  it("a refusal of an unknown kind still says what to do", () => {
    const r = refusalOf(
      { ok: false, offline: false, status: 500, code: "internal", message: "服务器内部错误", details: undefined },
      "上传",
    );
    expect(r).toEqual({ title: "上传没有完成：服务器内部错误", lines: [], hint: "服务器暂时无法处理，请稍后重试。" });
    expect(
      refusalOf({ ok: false, offline: false, status: 403, code: "x", message: "无权", details: 1 }, "上传").hint,
    ).toBe("请使用本单位的访问令牌。");
  });
});

describe("the downloaded file's name", () => {
  it("keeps a real name from the server and makes one from 单位 and 表名 otherwise", () => {
    expect(formFileName("黄浦区总工会-附件1.xlsx", "黄浦区总工会", "表")).toBe("黄浦区总工会-附件1.xlsx");
    expect(formFileName("form.xlsx", "黄浦区总工会", "2014年/统计表")).toBe("黄浦区总工会-2014年_统计表.xlsx");
    expect(formFileName("forms.zip", "上海市总工会", "统计表", "zip")).toBe("上海市总工会-统计表.zip");
  });
});

describe("上报说明 drafts", () => {
  it("stay until the server has what was typed; a later word stays a draft", () => {
    const store = new MemoryStore();
    const drafts = new NoteDrafts(store, "r", "u");
    drafts.set("a", "一");
    drafts.set("b", "二");
    drafts.acknowledge({ a: "一", b: "旧" });
    expect(drafts.all()).toEqual({ b: "二" });
    expect(new NoteDrafts(store, "r", "other").all()).toEqual({});
    store.set("fill-notes:r:u", "not json");
    expect(drafts.all()).toEqual({});
  });
});
