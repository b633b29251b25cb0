import { describe, expect, it } from "vitest";
import { countStatuses, STATUS_LABEL, statusText, summaryText } from "../../schemas/status";

describe("report statuses in zh-CN", () => {
  it("has one word per status, a draft being a unit that has not reported yet", () => {
    expect(STATUS_LABEL).toEqual({ draft: "未上报", submitted: "已上报", returned: "已退回", approved: "已审核" });
    expect(new Set(Object.values(STATUS_LABEL)).size).toBe(4);
    expect(statusText("submitted", true)).toBe("已上报（逾期）");
    expect(statusText("approved")).toBe("已审核");
  });

  it("counts units and words the summary line of the pane and the status sheet", () => {
    const counts = countStatuses([
      { status: "submitted", late: false },
      { status: "approved", late: true },
      { status: "returned", late: false },
      { status: "draft", late: true },
      { status: "draft", late: true },
    ]);
    expect(counts).toEqual({ expected: 5, reported: 2, approved: 1, returned: 1, draft: 2, late: 3 });
    expect(summaryText(counts)).toBe("应报 5 家，已上报 2 家（其中已审核 1 家），已退回 1 家，未上报 2 家，逾期 3 家");
  });
});
