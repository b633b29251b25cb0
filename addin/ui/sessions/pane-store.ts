/**
 * What the pane keeps on this device besides the sync outbox: the token, who it
 * belongs to, the last known rounds and the templates it has opened. With these
 * the pane reopens a form after a reload or a restart of Excel while offline.
 * Templates are cached by id and version because published versions never change.
 */
import type { Me } from "../../../schemas/api/me";
import type { ReportStatus } from "../../../schemas/api/reports";
import type { Round } from "../../../schemas/api/rounds";
import type { Template } from "../../../schemas/template";
import type { KeyValueStore } from "../../sync/storage";

/**
 * A template cached before roster sections were called `roster` (D1 migration
 * …_roster_sections.sql) still says `kind: "list"`: the same section, the old word.
 */
export function rosterSections(template: Template): Template {
  const old = (s: { kind: string }) => s.kind === "list";
  if (!template.sections?.some(old)) return template;
  return { ...template, sections: template.sections.map((s) => (old(s) ? { ...s, kind: "roster" } : s)) } as Template;
}

/** A round as the list shows it: the round plus where my report stands. */
export interface MyRound {
  round: Round;
  /** Null when the status could not be read. */
  status: ReportStatus | null;
  late: boolean;
}

export class PaneStore {
  constructor(readonly store: KeyValueStore) {}

  get token(): string | null {
    return this.store.get("token");
  }

  signIn(token: string, me: Me): void {
    this.write("token", token);
    this.writeJson("me", me);
  }

  /** Forgets who signed in and what they saw; queued edits stay in their outboxes. */
  signOut(): void {
    for (const key of ["token", "me", "rounds", "lastRound"]) this.store.remove(key);
  }

  get me(): Me | null {
    return this.readJson<Me>("me");
  }

  set me(me: Me | null) {
    if (me) this.writeJson("me", me);
  }

  get rounds(): MyRound[] | null {
    return this.readJson<MyRound[]>("rounds");
  }

  set rounds(rounds: MyRound[] | null) {
    if (rounds) this.writeJson("rounds", rounds);
  }

  /** The round whose form was open last, reopened after a reload. */
  get lastRound(): string | null {
    return this.store.get("lastRound");
  }

  set lastRound(id: string | null) {
    if (id === null) this.store.remove("lastRound");
    else this.write("lastRound", id);
  }

  /** The matrix item an officer charts per unit, per template: a choice kept across refreshes and reloads. */
  chartItem(templateId: string): string | null {
    return this.store.get(`chartItem:${templateId}`);
  }

  setChartItem(templateId: string, cell: string): void {
    this.write(`chartItem:${templateId}`, cell);
  }

  /**
   * Whether the clerk has tried 上报 on this report: from then on blank required
   * cells are errors in the pane (problem-map.ts). Kept per report and across
   * sign-out, so a reload shows the report as the clerk last saw it.
   */
  triedSubmit(round: string, unit: string): boolean {
    return this.store.get(`triedSubmit:${round}:${unit}`) !== null;
  }

  setTriedSubmit(round: string, unit: string): void {
    this.write(`triedSubmit:${round}:${unit}`, "1");
  }

  template(id: string, version: number): Template | null {
    const cached = this.readJson<Template>(`template:${id}@${version}`);
    return cached && rosterSections(cached);
  }

  saveTemplate(template: Template): void {
    this.writeJson(`template:${template.id}@${template.version}`, template);
  }

  private readJson<T>(key: string): T | null {
    const text = this.store.get(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  }

  private writeJson(key: string, value: unknown): void {
    this.write(key, JSON.stringify(value));
  }

  /** A full storage only costs the offline cache, never the session in memory. */
  private write(key: string, value: string): void {
    try {
      this.store.set(key, value);
    } catch {
      // Quota or disabled storage: the pane keeps working online.
    }
  }
}
