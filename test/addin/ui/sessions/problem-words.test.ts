/** How the pane words the problem counts: blank required cells are a neutral 待填 N 项, not errors. */
import { describe, expect, it } from "vitest";
import { mapProblems } from "../../../../addin/ui/sessions/problem-map";
import { countsLabel, readyText, summaryText } from "../../../../addin/ui/sessions/problem-words";
import type { Problem } from "../../../../schemas/problem";
import { GRANT_PARTS, RAISED_DROP } from "../../problems";

const blank = (cell: string): Problem => ({
  id: `required:${cell}`,
  ruleId: "required",
  severity: "error",
  cells: [cell],
  message: `「${cell}」为必填项`,
});
const untouched = mapProblems({ local: ["raised", "header.phone", "header.reporter"].map(blank), holdBlank: true });

describe("problem words", () => {
  it("an untouched form: 待填 N 项 in a neutral tone, no 错误", () => {
    expect(countsLabel(untouched)).toEqual({ text: "待填 3 项", tone: "todo" });
    expect(summaryText(untouched)).toBe("待填 3 项必填内容。录入时会自动检查，问题会列在这里。");
    expect(readyText(untouched)).toBe("还有 3 项必填内容待填，上报时会逐项列出。");
    expect(`${countsLabel(untouched).text}${summaryText(untouched)}`).not.toContain("错误");
  });

  it("wrong values stay errors beside the 待填 count", () => {
    const s = mapProblems({ local: [GRANT_PARTS, RAISED_DROP, blank("raised")], holdBlank: true });
    expect(countsLabel(s)).toEqual({ text: "错误 1 · 警告 1 · 待填 1 项", tone: "error" });
    expect(summaryText(s)).toBe("1 个错误，1 个警告（1 个未填写上报说明）；待填 1 项。点击问题可定位到单元格。");
  });

  it("nothing left: 无问题, and 上报 is ready", () => {
    const s = mapProblems({ local: [] });
    expect(countsLabel(s)).toEqual({ text: "无问题", tone: "ok" });
    expect(summaryText(s)).toBe("暂无问题。录入时会自动检查，问题会列在这里。");
    expect(readyText(s)).toBe("检查通过，可以上报。上报前会先保存所有修改。");
  });
});
