import { sql } from 'drizzle-orm';
import { MIN_PUBLIC_RATINGS, RATING_CRITERIA, type Period } from '@motcua/domain/statistics/index.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { textArray } from '../dossiers/scope.ts';

type Criterion = (typeof RATING_CRITERIA)[number];
export interface ServiceSatisfaction {
  ratings: number;
  criteria: { criterion: Criterion; satisfiedRate: number | null }[];
}

/**
 * Satisfaction per online service (TT 32/2017 Art. 11.3; SPEC §15): the ratings given in the
 * period to dossiers of each procedure that were received online, counted per criterion as
 * satisfied-or-better over all ratings. Aggregates only; a service with fewer than
 * MIN_PUBLIC_RATINGS ratings is left out (no single applicant's answers can be read off it), as
 * the per-agency satisfaction figures do. Only procedure codes and counts are selected.
 */
export async function onlineServiceSatisfaction(db: DbOrTx, p: Period, procedureCodes: readonly string[]): Promise<Map<string, ServiceSatisfaction>> {
  if (procedureCodes.length === 0) return new Map();
  const good = RATING_CRITERIA.map((c) => sql`count(*) filter (where r.${sql.raw(c)} in ('very_satisfied', 'satisfied'))::int as "${sql.raw(c)}"`);
  const rows = await db.execute<Record<string, number | string>>(sql`
    select d.procedure_code, count(*)::int as n, ${sql.join(good, sql`, `)}
      from dossier_ratings r join dossiers d on d.id = r.dossier_id
     where d.channel = 'online'
       and d.procedure_code = any(${textArray([...procedureCodes])})
       and r.created_at >= ${new Date(p.from).toISOString()} and r.created_at < ${new Date(p.to).toISOString()}
     group by d.procedure_code
    having count(*) >= ${MIN_PUBLIC_RATINGS}`);
  return new Map(
    rows.rows.map((row) => {
      const n = Number(row.n);
      return [String(row.procedure_code), { ratings: n, criteria: RATING_CRITERIA.map((c) => ({ criterion: c, satisfiedRate: Number(row[c]) / n })) }];
    }),
  );
}
