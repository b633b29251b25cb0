import { beforeEach, describe, expect, it } from "vitest";
import { MemoryStore } from "../../../../../addin/sync/storage";
import type { FileProblem } from "../../../../../addin/sync/form-file-guards";
import { FillSession } from "../../../../../addin/ui/sessions/fill/fill-session";
import { rememberingStore } from "../../../../../addin/ui/sessions/fill/token-store";
import { FillFake, ROUND, TOKEN } from "./fill-fake";

const GRANTED: FileProblem = {
  address: "C14",
  sheet: "附件1",
  key: "granted",
  where: "第 2 项「发放助学金」",
  message: "第 2 项「发放助学金」(90) 大于第 1 项「共筹集资金」(82.5)",
  ruleId: "granted-vs-raised",
  id: "granted-vs-raised",
};
const OVER: FileProblem = {
  address: "C12",
  sheet: "附件1",
  key: "raised_social",
  where: "其中：社会捐助",
  message: "分项之和 (83.5) 不等于第 1 项「共筹集资金」(82.5)",
  ruleId: "parts:raised",
};

let fake: FillFake;
let session: MemoryStore;
let lasting: MemoryStore;
let drafts: MemoryStore;

function open(): FillSession {
  return new FillSession({
    apiBase: "/api/v1",
    fetch: fake.fetch,
    store: rememberingStore(session, lasting),
    drafts,
  });
}

async function signedIn(): Promise<FillSession> {
  const s = open();
  await s.signIn(TOKEN, false);
  s.choose(ROUND.id);
  return s;
}

beforeEach(() => {
  fake = new FillFake();
  session = new MemoryStore();
  lasting = new MemoryStore();
  drafts = new MemoryStore();
});

describe("signing in on /fill.html", () => {
  it("lists the token's rounds with the status of its unit's report", async () => {
    const s = open();
    await s.signIn(TOKEN, false);
    expect(s.current.me?.unit.name).toBe("黄浦区总工会");
    expect(s.current.rounds.map((r) => [r.round.id, r.status])).toEqual([[ROUND.id, "draft"]]);
  });

  it("keeps the token only in sessionStorage unless 记住我 is ticked", async () => {
    await open().signIn(TOKEN, false);
    expect(session.get("token")).toBe(TOKEN);
    expect(lasting.get("token")).toBeNull();
    await open().signIn(TOKEN, true);
    expect(lasting.get("token")).toBe(TOKEN);
  });

  it("a kept token opens the rounds at once; signing out forgets it everywhere", async () => {
    await open().signIn(TOKEN, true);
    session = new MemoryStore(); // a new tab
    const s = open();
    await s.start();
    expect(s.current.rounds).toHaveLength(1);
    s.signOut();
    expect(lasting.get("token")).toBeNull();
    expect(s.current.me).toBeNull();
  });

  it("a wrong token is said in zh-CN and nothing is kept", async () => {
    const s = open();
    await s.signIn("hb_wrong", false);
    expect(s.current.message?.text).toBe("令牌无效或已停用，请核对后重试");
    expect(session.get("token")).toBeNull();
  });
});

describe("uploading a filled form", () => {
  it("lists errors and warnings apart, each with its Excel address", async () => {
    const s = await signedIn();
    fake.importAnswer = {
      report: { version: 4, status: "draft" },
      changed: 12,
      merged: 2,
      problems: { errors: [OVER], warnings: [GRANTED] },
    };
    await s.upload(new Blob(["x"]), "黄浦区.xlsx");
    expect(s.current.check?.errors).toEqual(["C12 其中：社会捐助：分项之和 (83.5) 不等于第 1 项「共筹集资金」(82.5)"]);
    expect(s.current.check?.warnings).toEqual(["C14 第 2 项「发放助学金」(90) 大于第 1 项「共筹集资金」(82.5)"]);
    expect(s.current.check?.merged).toBe(2);
    expect(s.current.notes.map((n) => n.id)).toEqual(["granted-vs-raised"]);
    expect(s.current.message?.tone).toBe("error");
    expect(fake.requests.find((r) => r.path.endsWith("/import"))?.method).toBe("POST");
  });

  it("a conflict lists both values by address; nothing else is shown as checked", async () => {
    const s = await signedIn();
    fake.importAnswer = {
      status: 409,
      error: {
        code: "conflict",
        message: "文件中有 1 格在您下载之后被他人修改",
        details: [{ address: "C10", key: "raised", where: "第 1 项「共筹集资金」", mine: "82.5", theirs: "80" }],
      },
    };
    await s.upload(new Blob(["x"]), "a.xlsx");
    expect(s.current.check).toBeNull();
    expect(s.current.refusal?.title).toBe("上传没有完成：文件中有 1 格在您下载之后被他人修改");
    expect(s.current.refusal?.lines).toEqual([
      "C10 第 1 项「共筹集资金」：您的文件中为「82.5」，他人已在服务器上改为「80」",
    ]);
    expect(s.current.refusal?.hint).toContain("重新下载填报表");
  });

  it("another unit's file and a changed layout are refused in plain words", async () => {
    const s = await signedIn();
    fake.importAnswer = {
      status: 422,
      error: {
        code: "layout_changed",
        message: "表格的行列被改动",
        details: [{ address: "A12", message: "第 12 行应为「社会捐助」，文件中为「各级工会投入」：请勿插入或删除行" }],
      },
    };
    await s.upload(new Blob(["x"]), "a.xlsx");
    expect(s.current.refusal?.lines).toEqual([
      "A12 第 12 行应为「社会捐助」，文件中为「各级工会投入」：请勿插入或删除行",
    ]);
    expect(s.current.refusal?.hint).toContain("不要在表中插入、删除或移动行列");
    fake.importAnswer = { status: 422, error: { code: "wrong_form", message: "这是「静安区总工会」的填报表" } };
    await s.upload(new Blob(["x"]), "b.xlsx");
    expect(s.current.refusal?.title).toBe("上传没有完成：这是「静安区总工会」的填报表");
    expect(s.current.refusal?.hint).toContain("本单位");
  });

  it("offline: says so, and keeps the page as it was", async () => {
    const s = await signedIn();
    fake.up = false;
    await s.upload(new Blob(["x"]), "a.xlsx");
    expect(s.current.refusal?.hint).toContain("无法连接服务器");
    expect(s.current.me).not.toBeNull();
  });
});

describe("a conflicting upload", () => {
  const clash = {
    status: 409,
    error: {
      code: "conflict",
      message: "下载填报表之后，报表已被他人修改",
      details: [{ address: "C11", key: "raised_social", where: "社会捐助", mine: "22.5", theirs: "23.5" }],
    },
  };

  // The Worker takes a fixed file over the clerk's own first upload (import/service.ts ownBase): a 409 it
  // answers is someone else's change, shown cell by cell, and the page writes nothing to get around it.
  it("shows each cell with both values and saves nothing on its own", async () => {
    const s = await signedIn();
    fake.importQueue.push(clash);
    await s.upload(new Blob(["x"]), "a.xlsx");
    expect(s.current.refusal?.title).toContain("报表已被他人修改");
    expect(s.current.refusal?.lines).toEqual(["C11 社会捐助：您的文件中为「22.5」，他人已在服务器上改为「23.5」"]);
    expect(fake.requests.some((r) => r.method === "PATCH")).toBe(false);
  });
});

describe("上报说明 and 上报", () => {
  async function withWarning(): Promise<FillSession> {
    const s = await signedIn();
    fake.importAnswer = {
      report: { version: 4, status: "draft" },
      changed: 12,
      merged: 0,
      problems: { errors: [], warnings: [GRANTED] },
    };
    fake.submitProblems = [
      { id: "granted-vs-raised", ruleId: "granted-vs-raised", severity: "warning", cells: ["granted"], message: "m" },
    ];
    await s.upload(new Blob(["x"]), "a.xlsx");
    return s;
  }

  it("asks for the 上报说明 before sending anything", async () => {
    const s = await withWarning();
    const before = fake.requests.length;
    await s.submit();
    expect(s.current.message?.text).toBe("还有 1 个警告没有填写上报说明。");
    expect(fake.requests.length).toBe(before);
  });

  it("saves the 上报说明 against the current version, then submits: 已上报", async () => {
    const s = await withWarning();
    s.setNote("granted-vs-raised", "含2013年结余资金7.5万元");
    await s.submit();
    const patch = fake.requests.find((r) => r.method === "PATCH");
    expect(patch?.body).toEqual({
      baseVersion: 4,
      changes: [],
      explanations: { "granted-vs-raised": "含2013年结余资金7.5万元" },
    });
    expect(s.current.status).toBe("submitted");
    expect(s.current.message?.text).toContain("已上报");
    expect(s.current.rounds[0]?.status).toBe("submitted");
    expect(drafts.keys()).toEqual([]);
  });

  it("a failed save keeps what was typed, also across a reload of the page", async () => {
    const s = await withWarning();
    s.setNote("granted-vs-raised", "含结余资金");
    fake.failPatch = 500;
    await s.submit();
    expect(s.current.refusal?.title).toContain("保存上报说明没有完成");
    expect(s.current.status).toBe("draft");
    // Reload: a new session on the same sessionStorage, the same file uploaded again.
    const again = open();
    await again.start();
    again.choose(ROUND.id);
    await again.upload(new Blob(["x"]), "a.xlsx");
    expect(again.current.notes[0]?.text).toBe("含结余资金");
    fake.failPatch = null;
    await again.submit();
    expect(again.current.status).toBe("submitted");
  });

  it("errors in the file stop 上报 before anything is sent", async () => {
    const s = await signedIn();
    fake.importAnswer = {
      report: { version: 4, status: "draft" },
      changed: 1,
      merged: 0,
      problems: { errors: [OVER], warnings: [] },
    };
    await s.upload(new Blob(["x"]), "a.xlsx");
    await s.submit();
    expect(s.current.message?.text).toContain("1 个错误");
    expect(fake.requests.some((r) => r.path.endsWith("/submit"))).toBe(false);
  });

  it("a warning the server asks about at 上报 gets a box, placed by the last upload's addresses", async () => {
    const s = await signedIn();
    fake.importAnswer = {
      report: { version: 4, status: "draft" },
      changed: 1,
      merged: 0,
      problems: { errors: [], warnings: [{ ...GRANTED, id: undefined, ruleId: undefined }] },
    };
    fake.submitProblems = [
      {
        id: "granted-vs-raised",
        ruleId: "granted-vs-raised",
        severity: "warning",
        cells: ["granted"],
        message: "超出",
      },
    ];
    await s.upload(new Blob(["x"]), "a.xlsx");
    s.setNote("granted", "说明"); // the page's guess of the id (no id in the answer)
    await s.submit();
    expect(s.current.refusal?.title).toBe("上报没有完成：以下警告需要填写上报说明");
    const asked = s.current.notes.find((n) => n.id === "granted-vs-raised");
    expect(asked?.lines).toEqual(["C14 第 2 项「发放助学金」：超出"]);
    s.setNote("granted-vs-raised", "已核实");
    await s.submit();
    expect(s.current.status).toBe("submitted");
  });
});

describe("下载填报表", () => {
  it("names the file after the unit and the form when the server's name says nothing", async () => {
    const s = await signedIn();
    const file = await s.download();
    expect(file?.filename).toBe("黄浦区总工会-2014年上海工会金秋助学情况统计表.xlsx");
    expect(file?.blob.size).toBe(4);
  });
});
