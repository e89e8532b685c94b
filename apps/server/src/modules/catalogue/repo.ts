import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { searchKey, type FieldError, type ProcedureContent } from '@motcua/domain';
import { agencies, fields, procedures, procedureVersions } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { checkSchemaCompiles } from '../../http/validation.ts';

export type VersionRow = typeof procedureVersions.$inferSelect;
export type ProcedureRow = typeof procedures.$inferSelect;

/** Today's date in Asia/Ho_Chi_Minh (UTC+7, no DST). */
export function todayVn(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The columns search and filters read, derived from the content in the same write. */
export function versionColumns(code: string, content: ProcedureContent) {
  return {
    content,
    name: content.name,
    searchKey: searchKey(`${content.name} ${code} ${content.nameEn ?? ''}`),
    fieldCode: content.fieldCode,
    level: content.level,
    onlineLevel: content.onlineLevel,
    agencyCodes: content.agencyCodes,
    timeLimit: content.timeLimit,
  };
}

/** A version is in force on `date` if published and its period covers the date. */
export function inForce(date: string): SQL {
  return and(
    eq(procedureVersions.status, 'published'),
    sql`${procedureVersions.effectiveFrom} <= ${date}`,
    sql`(${procedureVersions.effectiveTo} is null or ${procedureVersions.effectiveTo} >= ${date})`,
  )!;
}

/**
 * Checks that the schema alone cannot express: references to fields and agencies exist, codes are
 * unique within their lists, and every e-form compiles. Each problem names its field path.
 */
export async function checkContent(db: DbOrTx, content: ProcedureContent, prefix = 'content'): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const f = await db.select({ code: fields.code }).from(fields).where(eq(fields.code, content.fieldCode));
  if (!f.length) errors.push({ field: `${prefix}.fieldCode`, message: 'Lĩnh vực không tồn tại', messageEn: 'Unknown field' });
  const known = new Set((await db.select({ code: agencies.code }).from(agencies).where(inArray(agencies.code, content.agencyCodes))).map((r) => r.code));
  content.agencyCodes.forEach((c, i) => {
    if (!known.has(c)) errors.push({ field: `${prefix}.agencyCodes.${i}`, message: `Cơ quan ${c} không tồn tại`, messageEn: 'Unknown agency' });
  });
  const caseCodes = new Set<string>();
  content.cases.forEach((c, ci) => {
    if (caseCodes.has(c.code)) errors.push({ field: `${prefix}.cases.${ci}.code`, message: 'Mã trường hợp bị trùng', messageEn: 'Duplicate case code' });
    caseCodes.add(c.code);
    const compCodes = new Set<string>();
    c.components.forEach((comp, pi) => {
      const path = `${prefix}.cases.${ci}.components.${pi}`;
      if (compCodes.has(comp.code)) errors.push({ field: `${path}.code`, message: 'Mã thành phần bị trùng', messageEn: 'Duplicate component code' });
      compCodes.add(comp.code);
      if (comp.form) {
        const why = checkSchemaCompiles(comp.form.schema);
        if (why) errors.push({ field: `${path}.form.schema`, message: `Biểu mẫu điện tử không hợp lệ: ${why}`, messageEn: `E-form schema does not compile: ${why}` });
      }
    });
  });
  return errors;
}

export async function findProcedure(db: DbOrTx, code: string): Promise<ProcedureRow | undefined> {
  return (await db.select().from(procedures).where(eq(procedures.code, code)).limit(1))[0];
}

export async function versionsOf(db: DbOrTx, procedureId: string): Promise<VersionRow[]> {
  return db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, procedureId)).orderBy(asc(procedureVersions.version));
}

export async function inForceVersion(db: DbOrTx, procedureId: string, date: string): Promise<VersionRow | undefined> {
  return (
    await db
      .select()
      .from(procedureVersions)
      .where(and(eq(procedureVersions.procedureId, procedureId), inForce(date)))
      .orderBy(desc(procedureVersions.version))
      .limit(1)
  )[0];
}
