/**
 * How the connection to the server stands, and when to try again: offline,
 * passing server trouble (retried with doubling delays), an answer that needs
 * a person (stopped until `resume()`), or signed out.
 */
import { failureKind, type ApiFailure } from "./api-result";
import { backoffDelay, Timer } from "./timer";
import type { Timers } from "./timers";

export interface Failure {
  code: string;
  message: string;
}

export interface RetryPolicy {
  initialMs?: number;
  maxMs?: number;
}

export class SyncHealth {
  offline = false;
  transient: Failure | null = null;
  fatal: Failure | null = null;
  signedOut: string | null = null;
  private attempts = 0;
  private readonly retryLater: Timer;

  constructor(
    timers: Timers,
    private readonly policy: RetryPolicy,
    retry: () => void,
  ) {
    this.retryLater = new Timer(timers, retry);
  }

  /** Nothing is sent while signed out or stopped on an answer a person must act on. */
  get stopped(): boolean {
    return this.signedOut !== null || this.fatal !== null;
  }

  succeeded(): void {
    this.offline = false;
    this.transient = null;
    this.attempts = 0;
    this.retryLater.cancel();
  }

  /** Records a failure of the save loop: "wait" when a retry is scheduled, "done" when stopped. */
  failed(res: ApiFailure): "wait" | "done" {
    switch (failureKind(res)) {
      case "offline":
        this.offline = true;
        this.scheduleRetry();
        return "wait";
      case "signed-out":
        this.signOut(res.message);
        return "done";
      case "transient":
        this.transient = {
          code: res.offline ? "offline" : res.code,
          message: `保存失败，稍后自动重试：${res.message}`,
        };
        this.scheduleRetry();
        return "wait";
      case "final":
        this.fatal = { code: res.offline ? "offline" : res.code, message: res.message };
        return "done";
    }
  }

  /** A failure outside the save loop (a refresh): noted, but it schedules nothing. */
  noted(res: ApiFailure): void {
    if (res.offline) this.offline = true;
    else if (res.status === 401) this.signOut(res.message);
  }

  /** A bug rather than a network state: stop and say so instead of looping. */
  crashed(e: unknown): void {
    this.fatal = { code: "internal", message: `同步出现意外错误：${e instanceof Error ? e.message : String(e)}` };
  }

  signOut(message: string): void {
    this.signedOut = `已退出登录：${message}。修改已保存在本机，重新登录后会继续同步`;
  }

  /** The network is said to be back: a fresh backoff. */
  online(): void {
    this.offline = false;
    this.attempts = 0;
    this.retryLater.cancel();
  }

  markOffline(): void {
    this.offline = true;
  }

  /** A person acted (signed in, report returned …): forget why we stopped. */
  resume(): void {
    this.signedOut = null;
    this.fatal = null;
    this.transient = null;
    this.attempts = 0;
  }

  dispose(): void {
    this.retryLater.cancel();
  }

  private scheduleRetry(): void {
    const { initialMs = 1000, maxMs = 60_000 } = this.policy;
    this.retryLater.arm(backoffDelay(this.attempts++, initialMs, maxMs));
  }
}
