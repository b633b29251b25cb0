import { Permission } from "../../schemas/api/tokens";
import type { Role } from "../../schemas/api/common";
import type { TokenInfo } from "../../schemas/api/tokens";
import type { Caller } from "../env";

interface TokenRow {
  id: number;
  role: Role;
  label: string;
  unit: string;
  unit_name: string;
  unit_parent: string | null;
  unit_path: string;
  created_at: string;
  revoked_at: string | null;
  permissions: string;
  expires_at: string | null;
}

/** tokens.permissions is comma-separated (migration 0005); only known ones count, each once. */
function permissionsOf(text: string | undefined): Permission[] {
  const listed = new Set((text ?? "").split(","));
  return Permission.options.filter((p) => listed.has(p));
}

/** The lookup of a token by its hash as a statement, to run alone or inside another read's batch. */
export function tokenStatement(db: D1Database, hash: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.id, t.role, t.label, t.unit, t.created_at, t.revoked_at, t.permissions, t.expires_at,
              u.name AS unit_name, u.parent AS unit_parent, u.path AS unit_path
         FROM tokens t JOIN units u ON u.code = t.unit
        WHERE t.hash = ?`,
    )
    .bind(hash);
}

/** A row of `tokenStatement` (or none) as the caller it names. */
export function tokenFromRow(row: unknown): { caller: Caller; revoked: boolean } | null {
  const r = row as TokenRow | undefined | null;
  if (!r) return null;
  return {
    revoked: r.revoked_at !== null,
    caller: {
      tokenId: r.id,
      role: r.role,
      label: r.label,
      unit: r.unit,
      unitName: r.unit_name,
      unitParent: r.unit_parent,
      unitPath: r.unit_path,
      permissions: permissionsOf(r.permissions),
      expiresAt: r.expires_at,
    },
  };
}

export async function findToken(db: D1Database, hash: string): Promise<{ caller: Caller; revoked: boolean } | null> {
  return tokenFromRow(await tokenStatement(db, hash).first<TokenRow>());
}

function toInfo(
  row: Pick<TokenRow, "id" | "role" | "unit" | "label" | "created_at" | "revoked_at" | "permissions" | "expires_at">,
): TokenInfo {
  return {
    id: row.id,
    role: row.role,
    unit: row.unit,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    permissions: permissionsOf(row.permissions),
    expiresAt: row.expires_at,
  };
}

export async function insertToken(
  db: D1Database,
  t: {
    hash: string;
    role: Role;
    unit: string;
    label: string;
    now: string;
    permissions?: readonly string[];
    expiresAt: string;
  },
): Promise<TokenInfo> {
  const row = await db
    .prepare(
      `INSERT INTO tokens (hash, role, unit, label, created_at, permissions, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       RETURNING id, role, unit, label, created_at, revoked_at, permissions, expires_at`,
    )
    .bind(t.hash, t.role, t.unit, t.label, t.now, (t.permissions ?? []).join(","), t.expiresAt)
    .first<TokenRow>();
  if (!row) throw new Error("token insert returned nothing");
  return toInfo(row);
}

export async function listTokens(db: D1Database): Promise<TokenInfo[]> {
  const { results } = await db
    .prepare("SELECT id, role, unit, label, created_at, revoked_at, permissions, expires_at FROM tokens ORDER BY id")
    .all<TokenRow>();
  return results.map(toInfo);
}

/** Revokes (idempotently: the first revocation time is kept). */
export async function revokeToken(db: D1Database, id: number, now: string): Promise<TokenInfo | null> {
  const row = await db
    .prepare(
      `UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?
       RETURNING id, role, unit, label, created_at, revoked_at, permissions, expires_at`,
    )
    .bind(now, id)
    .first<TokenRow>();
  return row ? toInfo(row) : null;
}
