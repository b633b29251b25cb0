/**
 * The officer's verdicts on submitted reports: 退回 with a reason, 审核通过
 * of one report, and 全部审核通过 of every clean one. Each sends the version
 * the officer saw as If-Match and approves only after the clean check (no
 * error, every warning explained) on that very version. Kept apart from the
 * session so that the rules of review are read in one place.
 */
import type { OfficerUnit } from "../../../../schemas/layout/officer/view";
import { STATUS_LABEL } from "../../../../schemas/status";
import type { Template } from "../../../../schemas/template";
import type { ApiClient } from "../../../sync/api-client";
import type { ApiFailure } from "../../../sync/api-result";
import { isClean } from "./drill-down";
import { failureText } from "./messages";
import type { PaneVoice } from "./notices";
import type { OfficerSheets } from "./officer-sheets";

export interface ReviewOptions {
  api: ApiClient;
  round: string;
  template: Template;
  /** The officer's sheets: the units shown and the versions read. */
  sheets: OfficerSheets;
  voice: PaneVoice;
  /** Reads the sheets again after an action. */
  refresh: () => Promise<void>;
  /** Draws the drilled report again if it is this unit's. */
  acted: (code: string) => Promise<void>;
}

export interface ApproveAllResult {
  approved: string[];
  skipped: { name: string; why: string }[];
}

export class Review {
  constructor(private readonly options: ReviewOptions) {}

  /** Returns a submitted report to its unit; the reason is required and shown to the filler. */
  async returnUnit(code: string, reason: string): Promise<boolean> {
    const text = reason.trim();
    const unit = this.unit(code);
    if (!text) {
      this.options.voice.say("error", "退回必须填写原因，填报单位会看到这段话");
      return false;
    }
    if (!unit || !this.submitted(unit, "退回")) return false;
    return this.act(unit, "退回", async (version) => {
      const res = await this.options.api.returnReport(this.options.round, code, version, text);
      return res.ok ? { ok: true, text: `已退回「${unit.name}」，原因已转给填报单位` } : res;
    });
  }

  /** Approves one submitted report after checking it is clean; it turns read-only. */
  async approve(code: string): Promise<boolean> {
    const unit = this.unit(code);
    if (!unit || !this.submitted(unit, "审核通过")) return false;
    return this.act(unit, "审核通过", async (version) => {
      const res = await this.approveAt(code, version);
      return res === true ? { ok: true, text: `已审核通过「${unit.name}」，该报表已锁定为只读` } : res;
    });
  }

  /** Approves every submitted report that has no error and explains every warning. */
  async approveAll(): Promise<ApproveAllResult> {
    const { sheets, voice } = this.options;
    const candidates = (sheets.view?.units ?? []).filter((u) => u.status === "submitted");
    const approved: string[] = [];
    const skipped: { name: string; why: string }[] = [];
    if (candidates.length === 0) {
      voice.say("info", "没有待审核的报表");
      return { approved, skipped };
    }
    voice.busy = true;
    voice.say("info", `正在审核 ${candidates.length} 份报表…`);
    for (const u of candidates) {
      const version = sheets.versions.get(u.code);
      const res = version === undefined ? null : await this.approveAt(u.code, version);
      if (res === true) approved.push(u.name);
      else if (res === null) skipped.push({ name: u.name, why: "版本未知，请刷新" });
      else
        skipped.push({
          name: u.name,
          why: !res.offline && res.code === "not_clean" ? res.message : failureText(res, "审核"),
        });
    }
    voice.busy = false;
    await this.options.refresh();
    const head =
      approved.length > 0 ? `已审核通过 ${approved.length} 家：${approved.join("、")}` : "没有报表被审核通过";
    const tail =
      skipped.length > 0
        ? `；未审核 ${skipped.length} 家：${skipped.map((s) => `${s.name}（${s.why}）`).join("；")}`
        : "";
    voice.say(skipped.length > 0 ? "error" : "ok", head + tail);
    return { approved, skipped };
  }

  private unit(code: string): OfficerUnit | undefined {
    const u = this.options.sheets.view?.units.find((x) => x.code === code);
    if (!u) this.options.voice.say("error", "找不到这个单位，请刷新");
    return u;
  }

  /** Only a submitted report can be returned or approved; says so otherwise. */
  private submitted(unit: OfficerUnit, what: string): boolean {
    if (unit.status === "submitted") return true;
    this.options.voice.say(
      "error",
      `「${unit.name}」的报表目前是“${STATUS_LABEL[unit.status]}”，只有${STATUS_LABEL.submitted}的报表可以${what}`,
    );
    return false;
  }

  /** Runs an action at the version the officer saw, then reads the sheets (and the drilled report) again. */
  private async act(
    unit: OfficerUnit,
    what: string,
    run: (version: number) => Promise<{ ok: true; text: string } | ApiFailure>,
  ): Promise<boolean> {
    const { sheets, voice } = this.options;
    const version = sheets.versions.get(unit.code);
    if (version === undefined) {
      voice.say("error", `${what}没有完成：不知道「${unit.name}」报表的版本，请刷新后再试`);
      return false;
    }
    voice.busy = true;
    voice.say("info", `正在${what}「${unit.name}」…`);
    const res = await run(version);
    voice.busy = false;
    await this.options.refresh();
    await this.options.acted(unit.code);
    if (res.ok) voice.say("ok", res.text);
    else voice.fail(res, `${what}「${unit.name}」`);
    return res.ok;
  }

  /** Approves the report at `version` when it is clean there; otherwise why not. */
  private async approveAt(code: string, version: number): Promise<true | ApiFailure> {
    const check = await this.cleanAt(code, version);
    if (check !== true) return check;
    const res = await this.options.api.approve(this.options.round, code, version);
    return res.ok ? true : res;
  }

  /** True when the report at `version` is clean; otherwise why not (as a failure or a sentence). */
  private async cleanAt(code: string, version: number): Promise<true | ApiFailure> {
    const rep = await this.options.api.report(this.options.round, code);
    if (!rep.ok) return rep;
    if (rep.data.version !== version) {
      return { ok: false, offline: false, status: 412, code: "precondition_failed", message: "", details: undefined };
    }
    const check = isClean(this.options.template, rep.data.report);
    return check.clean
      ? true
      : {
          ok: false,
          offline: false,
          status: 422,
          code: "not_clean",
          message: `报表${check.why}，请退回修改`,
          details: undefined,
        };
  }
}
