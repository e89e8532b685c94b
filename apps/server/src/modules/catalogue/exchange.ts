import { asc, eq, inArray } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import type { CatalogueFile, FieldError } from '@motcua/domain';
import { fields, procedures, procedureVersions } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { problems } from '../../http/problem.ts';
import { checkContent, versionColumns } from './repo.ts';

/**
 * Catalogue exchange (docs/catalogue-format.md). Import is additive and idempotent: importing the
 * same file twice changes nothing the second time, and export → import → export is byte-identical.
 */
export async function exportCatalogue(db: DbOrTx): Promise<CatalogueFile> {
  const fs = await db.select().from(fields).orderBy(asc(fields.code));
  const ps = await db.select().from(procedures).orderBy(asc(procedures.code));
  const vs = await db.select().from(procedureVersions).orderBy(asc(procedureVersions.procedureId), asc(procedureVersions.version));
  const byProc = new Map<string, typeof vs>();
  for (const v of vs) byProc.set(v.procedureId, [...(byProc.get(v.procedureId) ?? []), v]);
  return {
    format: 'motcua-catalogue',
    formatVersion: 1,
    fields: fs.map((f) => ({ code: f.code, name: f.name, sector: f.sector, ...(f.nameEn ? { nameEn: f.nameEn } : {}), ...(f.sectorEn ? { sectorEn: f.sectorEn } : {}) })),
    procedures: ps.map((p) => ({
      code: p.code,
      codeIsOfficial: p.codeIsOfficial,
      versions: (byProc.get(p.id) ?? []).map((v) => ({
        version: v.version,
        status: v.status as 'draft' | 'published' | 'retired',
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        content: v.content,
      })),
    })),
  };
}

export async function importCatalogue(tx: DbOrTx, file: CatalogueFile, actorId: string | null) {
  let fieldCount = 0;
  for (const f of file.fields) {
    const v = { code: f.code, name: f.name, nameEn: f.nameEn ?? null, sector: f.sector, sectorEn: f.sectorEn ?? null };
    await tx.insert(fields).values(v).onConflictDoUpdate({ target: fields.code, set: v });
    fieldCount++;
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [pi, p] of file.procedures.entries()) {
    if (seen.has(p.code)) errors.push({ field: `procedures.${pi}.code`, message: 'Mã thủ tục bị trùng trong tệp', messageEn: 'Duplicate procedure code in file' });
    seen.add(p.code);
    const nums = p.versions.map((v) => v.version);
    if (new Set(nums).size !== nums.length) errors.push({ field: `procedures.${pi}.versions`, message: 'Số phiên bản bị trùng', messageEn: 'Duplicate version numbers' });
    if (p.codeIsOfficial === p.code.startsWith('DEMO-')) errors.push({ field: `procedures.${pi}.codeIsOfficial`, message: 'Mã DEMO- không phải mã chính thức và ngược lại', messageEn: 'DEMO- codes are exactly the non-official ones' });
    for (const [vi, v] of p.versions.entries()) errors.push(...(await checkContent(tx, v.content, `procedures.${pi}.versions.${vi}.content`)));
  }
  if (errors.length) throw problems.validation(errors);

  const existing = file.procedures.length
    ? await tx.select().from(procedures).where(inArray(procedures.code, file.procedures.map((p) => p.code)))
    : [];
  const byCode = new Map(existing.map((p) => [p.code, p]));
  let created = 0;
  let added = 0;
  let unchanged = 0;
  for (const [pi, p] of file.procedures.entries()) {
    let proc = byCode.get(p.code);
    if (!proc) {
      [proc] = await tx.insert(procedures).values({ code: p.code, codeIsOfficial: p.codeIsOfficial }).returning();
      created++;
    }
    const have = new Map((await tx.select().from(procedureVersions).where(eq(procedureVersions.procedureId, proc!.id))).map((v) => [v.version, v]));
    for (const v of p.versions) {
      const cur = have.get(v.version);
      if (cur) {
        const same = cur.status === v.status && cur.effectiveFrom === v.effectiveFrom && cur.effectiveTo === v.effectiveTo && isDeepStrictEqual(cur.content, v.content);
        if (!same) throw problems.conflict(`Phiên bản ${v.version} của thủ tục ${p.code} đã có với nội dung khác; hãy nhập dưới số phiên bản mới`, [{ field: `procedures.${pi}.versions`, message: 'Phiên bản đã tồn tại với nội dung khác' }]);
        unchanged++;
        continue;
      }
      await tx.insert(procedureVersions).values({
        procedureId: proc!.id,
        version: v.version,
        status: v.status,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        createdBy: actorId,
        publishedAt: v.status === 'draft' ? null : new Date(),
        publishedBy: v.status === 'draft' ? null : actorId,
        ...versionColumns(p.code, v.content),
      });
      added++;
    }
  }
  return { fields: fieldCount, proceduresCreated: created, versionsAdded: added, unchanged };
}
