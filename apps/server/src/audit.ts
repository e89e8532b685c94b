import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditLog } from './db/schema.ts';
import type { DbOrTx } from './db/pool.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 727_100_002;

/** JSON with object keys sorted: jsonb gives keys back in its own order, the hash must not care. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

function rowHash(prevHash: string, e: AuditEntry, at: string): string {
  return createHash('sha256')
    .update(canonical([prevHash, at, e.actorId ?? null, e.action, e.targetType ?? null, e.targetId ?? null, e.data ?? null]))
    .digest('hex');
}

/**
 * Append to the tamper-evident audit log inside the caller's transaction, so the record of a change
 * commits with the change. A transaction-scoped advisory lock orders writers, so each row links to
 * the row before it.
 */
export async function appendAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const prev = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1);
  const prevHash = prev[0]?.hash ?? GENESIS;
  const at = new Date();
  const atIso = at.toISOString();
  await tx.insert(auditLog).values({
    at,
    actorId: e.actorId ?? null,
    actorName: e.actorName ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    data: e.data ?? null,
    ip: e.ip ?? null,
    requestId: e.requestId ?? null,
    prevHash,
    hash: rowHash(prevHash, e, atIso),
  });
}

/** The audit entry of a request's change: who (the signed-in user), from where, which request. */
export function auditAs(
  req: { user: { id: string; username: string } | null; ip: string; id: string },
  tx: DbOrTx,
  e: Omit<AuditEntry, 'actorId' | 'actorName' | 'ip' | 'requestId'>,
): Promise<void> {
  return appendAudit(tx, { ...e, actorId: req.user?.id ?? null, actorName: req.user?.username ?? null, ip: req.ip, requestId: req.id });
}

/** Walk the chain; returns the id of the first row that does not verify, or null if intact. */
export async function verifyAuditChain(db: DbOrTx): Promise<number | null> {
  const rows = await db.select().from(auditLog).orderBy(auditLog.id);
  let prev = GENESIS;
  for (const r of rows) {
    const expect = rowHash(prev, { actorId: r.actorId, action: r.action, targetType: r.targetType ?? undefined, targetId: r.targetId ?? undefined, data: r.data ?? undefined }, r.at.toISOString());
    if (r.prevHash !== prev || r.hash !== expect) return r.id;
    prev = r.hash;
  }
  return null;
}
