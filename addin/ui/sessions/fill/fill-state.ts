/** What /fill.html shows, as one value the view draws (fill-session.ts changes it). */
import type { Me } from "../../../../schemas/api/me";
import type { ReportStatus } from "../../../../schemas/api/reports";
import type { MyRound } from "../pane-store";
import type { Refusal } from "./file-words";

export type FillTone = "info" | "ok" | "error";

/** A warning of the last upload (or of a refused 上报) and the 上报说明 it needs. */
export interface WarningNote {
  id: string;
  /** The warning as placed in the file: `C14 第 2 项「…」：…`. */
  lines: string[];
  /** The draft, else what the server holds. */
  text: string;
}

/** The verdict on the last uploaded file. */
export interface FileCheck {
  fileName: string;
  changed: number;
  merged: number;
  errors: string[];
  warnings: string[];
}

export interface FillState {
  /** Null: the sign-in form. */
  me: Me | null;
  rounds: MyRound[];
  /** Why the list may be incomplete. */
  roundsNote: string | null;
  /** The round being filled; null: the list. */
  round: MyRound | null;
  busy: "sign-in" | "rounds" | "download" | "upload" | "submit" | null;
  /** What is under way, said while `busy`. */
  progress: string | null;
  message: { text: string; tone: FillTone } | null;
  check: FileCheck | null;
  refusal: Refusal | null;
  notes: WarningNote[];
  status: ReportStatus | null;
}

export function emptyState(): FillState {
  return {
    me: null,
    rounds: [],
    roundsNote: null,
    round: null,
    busy: null,
    progress: null,
    message: null,
    check: null,
    refusal: null,
    notes: [],
    status: null,
  };
}
