import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';

/** One text[] parameter (drizzle would otherwise expand an array into a list of parameters). */
export const textArray = (xs: string[]) => sql`${sql.param(xs)}::text[]`;

/**
 * Each root agency's subtree (itself and every agency below it), in one recursive query. Work
 * lists resolve these codes before querying dossiers so the dossier condition stays a literal
 * `agency_code = any(…)` that the indexes answer.
 */
export async function agencySubtrees(db: Db, roots: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!roots.length) return out;
  const rows = await db.execute<{ root: string; code: string }>(
    sql`with recursive down(root, code) as (
          select code, code from agencies where code = any(${textArray([...new Set(roots)])})
          union select down.root, a.code from agencies a join down on a.parent_code = down.code)
        select root, code from down`,
  );
  for (const r of rows.rows) out.set(r.root, [...(out.get(r.root) ?? []), r.code]);
  return out;
}
