import type { VersionStatus } from './procedure.ts';

/**
 * Version rules of a procedure (pure). Published versions are immutable; at most one version is
 * in force on any date; publishing a new version closes the previous one the day before.
 */
export interface VersionRow {
  version: number;
  status: VersionStatus;
  effectiveFrom: string | null; // YYYY-MM-DD
  effectiveTo: string | null;
}

export type VersionRefusal = 'not-a-draft' | 'effective-before-current' | 'no-such-version' | 'already-retired';

/** Which version is in force on a date (YYYY-MM-DD); null if none. */
export function versionInForce<T extends VersionRow>(versions: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.status === 'draft' || !v.effectiveFrom) continue;
    if (v.effectiveFrom > date) continue;
    if (v.effectiveTo && v.effectiveTo < date) continue;
    if (!best || v.version > best.version) best = v;
  }
  return best;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Plan the publication of draft `version` from `effectiveFrom`: returns the changes to apply, or
 * a refusal. The previously published version ends the day before; a version may not start
 * before the one it replaces started (that would rewrite what earlier dossiers used).
 */
export function planPublish(
  versions: readonly VersionRow[],
  version: number,
  effectiveFrom: string,
): { ok: true; updates: { version: number; status: VersionStatus; effectiveFrom: string | null; effectiveTo: string | null }[] } | { ok: false; reason: VersionRefusal } {
  const target = versions.find((v) => v.version === version);
  if (!target) return { ok: false, reason: 'no-such-version' };
  if (target.status !== 'draft') return { ok: false, reason: 'not-a-draft' };
  const published = versions.filter((v) => v.status === 'published');
  const latest = published.reduce<VersionRow | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  if (latest?.effectiveFrom && effectiveFrom <= latest.effectiveFrom) return { ok: false, reason: 'effective-before-current' };
  const updates: { version: number; status: VersionStatus; effectiveFrom: string | null; effectiveTo: string | null }[] = [];
  if (latest && (!latest.effectiveTo || latest.effectiveTo >= effectiveFrom)) {
    updates.push({ version: latest.version, status: 'published', effectiveFrom: latest.effectiveFrom, effectiveTo: dayBefore(effectiveFrom) });
  }
  updates.push({ version, status: 'published', effectiveFrom, effectiveTo: null });
  return { ok: true, updates };
}

/** Retire a published version: it ends on `date` and nothing replaces it. */
export function planRetire(
  versions: readonly VersionRow[],
  version: number,
  date: string,
): { ok: true; update: VersionRow } | { ok: false; reason: VersionRefusal } {
  const target = versions.find((v) => v.version === version);
  if (!target) return { ok: false, reason: 'no-such-version' };
  if (target.status === 'retired') return { ok: false, reason: 'already-retired' };
  if (target.status === 'draft') return { ok: false, reason: 'not-a-draft' };
  return { ok: true, update: { ...target, status: 'retired', effectiveTo: target.effectiveTo && target.effectiveTo < date ? target.effectiveTo : date } };
}
