/**
 * Who is signed in on this device: the API client, which carries the kept token
 * (or, while signing in, the token being checked), and the checks of a token
 * against /me. No DOM: the views decide what to show for each answer.
 */
import type { Me } from "../../../schemas/api/me";
import { createApiClient, type ApiClient, type FetchLike } from "../../sync/api-client";
import { failureKind } from "../../sync/api-result";
import type { PaneStore } from "./pane-store";

export interface AccountOptions {
  /** e.g. `https://localhost:8787/api/v1`; the pane and the API share an origin. */
  apiBase: string;
  fetch?: FetchLike;
}

export interface Account {
  readonly api: ApiClient;
  /** Checks a token against /me and keeps it with who it belongs to; a zh-CN sentence when it does not work. */
  signIn(token: string): Promise<Me | string>;
  /**
   * Who I am, asked again (a renamed unit, a revoked token): the fresh answer,
   * "signed-out" when the token no longer works, null when the server cannot say.
   */
  refresh(): Promise<Me | "signed-out" | null>;
}

export function createAccount(pane: PaneStore, options: AccountOptions): Account {
  /** The token being checked by `signIn`; until it is accepted, the kept one stays. */
  let candidate: string | null = null;
  const api = createApiClient({
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    baseUrl: options.apiBase,
    token: () => candidate ?? pane.token,
    timeoutMs: 20_000,
  });
  return {
    api,
    async signIn(token) {
      candidate = token;
      const res = await api.me();
      candidate = null;
      if (!res.ok) {
        // An expired token gets the server's sentence, which says when and whom to ask for a new one.
        if (res.offline || res.code === "token_expired") return res.message;
        return res.status === 401 ? "令牌无效或已停用，请核对后重试" : res.message;
      }
      pane.signIn(token, res.data);
      return res.data;
    },
    async refresh() {
      const me = await api.me();
      if (me.ok) {
        pane.me = me.data;
        return me.data;
      }
      return failureKind(me) === "signed-out" ? "signed-out" : null;
    },
  };
}
