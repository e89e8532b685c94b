import { and, asc, eq, inArray } from 'drizzle-orm';
import { Readable } from 'node:stream';
import type { ProcedureContent } from '@motcua/domain';
import {
  formKey,
  formOf,
  handoverRows,
  REGISTER_COLUMNS,
  registerRow,
  renderBlocks,
  fillText,
  slipsOf,
  slipValues,
  type FormDef,
  type HandoverRow,
  type SlipValues,
  type RegisterRow,
  type SlipKind,
  type SlipRef,
  type SlipSource,
} from '@motcua/domain/documents/index.ts';
import { addWorkingMinutes, localDateOf } from '@motcua/domain/calendar/index.ts';
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import type { Db } from '../../db/pool.ts';
import { agencies, dossierEvents, dossierFiles, procedureVersions, signingCertificates, slipTemplates, users } from '../../db/schema.ts';
import { agencyAncestors } from '../../http/access.ts';
import { problems } from '../../http/problem.ts';
import type { CalendarService } from '../calendar/service.ts';
import type { DossierRow } from '../dossiers/service.ts';
import type { PrintDoc } from './model.ts';
import { decryptSecret, openP12, signPdf, type SigningIdentity } from './signing.ts';
import { dossierLinks } from '../dossiers/links.ts';

export interface DocumentDeps {
  db: Db;
  calendar: CalendarService;
  publicUrl: string;
  signingKey: Buffer | null;
}

async function agencyInfo(db: Db, code: string) {
  const chain = await agencyAncestors(db, code);
  const rows = await db.select({ code: agencies.code, name: agencies.name, phone: agencies.phone, hotline: agencies.hotline }).from(agencies).where(inArray(agencies.code, chain));
  const by = new Map(rows.map((r) => [r.code, r]));
  const self = by.get(code)!;
  const parent = chain[1] ? by.get(chain[1]) : undefined;
  const top = by.get(chain.at(-1)!)!;
  // The place line names the province: "Ủy ban nhân dân tỉnh Đắk Lắk" → "Đắk Lắk".
  const place = top.name.replace(/^(ủy|uỷ) ban nhân dân (tỉnh|thành phố)\s+/i, '').replace(/^UBND (tỉnh|thành phố)\s+/i, '');
  return { code, name: self.name, governingBody: parent?.name ?? self.name, phone: self.hotline ?? self.phone ?? null, place, chain };
}

/** Everything the slips of a dossier show, read once. */
export async function slipSource(deps: DocumentDeps, row: DossierRow): Promise<SlipSource & { chain: string[] }> {
  const { db } = deps;
  const evRows = await db.select({ event: dossierEvents.event }).from(dossierEvents).where(eq(dossierEvents.dossierId, row.id)).orderBy(asc(dossierEvents.seq));
  const events = evRows.map((e) => e.event);
  const userIds = [...new Set(events.flatMap((e) => [e.by, 'holder' in e && e.holder?.kind === 'user' ? e.holder.userId : null]).filter((x): x is string => !!x))];
  const names = userIds.length ? await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, userIds)) : [];
  const taskCodes = [...new Set(events.flatMap((e) => (e.type === 'tasks-sent' ? e.tasks.map((t) => t.agencyCode) : [])))];
  const taskAgencies = taskCodes.length ? await db.select({ code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.code, taskCodes)) : [];
  const agency = await agencyInfo(db, row.agencyCode);
  const version = (await db.select({ content: procedureVersions.content }).from(procedureVersions).where(eq(procedureVersions.id, row.procedureVersionId)))[0];
  const content = version?.content as ProcedureContent | undefined;
  const theCase = content?.cases.find((c) => c.code === row.caseCode);
  const received = new Set((await db.select({ c: dossierFiles.componentCode }).from(dossierFiles).where(and(eq(dossierFiles.dossierId, row.id), eq(dossierFiles.kind, 'attachment')))).map((r) => r.c));
  for (const k of Object.keys(row.formData ?? {})) received.add(k);
  const components = (theCase?.components ?? []).filter((c) => received.has(c.code)).map((c) => ({ name: c.name, originals: c.originals ?? 1, copies: c.copies ?? 0 }));
  return {
    code: row.code,
    procedure: { code: row.procedureCode, name: row.procedureName },
    agency,
    applicant: row.applicant,
    components,
    timeLimit: row.timeLimit,
    resultChannel: row.resultChannel,
    resultAddress: row.resultAddress,
    events,
    userNames: Object.fromEntries(names.map((n) => [n.id, n.name])),
    agencyNames: Object.fromEntries(taskAgencies.map((a) => [a.code, a.name])),
    // A slip names a page that exists: the code's lookup page, the owner's dossier page before there is a code, else the lookup form.
    lookupUrl: dossierLinks(deps.publicUrl, row).lookupUrl ?? `${deps.publicUrl}/tra-cuu`,
    chain: agency.chain,
  };
}

/** The administrator's wording for the form at the nearest scope (agency, then its ancestors), or the default. */
export async function effectiveTemplate(db: Db, chain: string[], form: FormDef): Promise<{ title: string; paragraphs: string[]; scopeCode: string | null }> {
  const rows = await db.select().from(slipTemplates).where(and(eq(slipTemplates.formKey, formKey(form)), inArray(slipTemplates.scopeCode, chain)));
  for (const code of chain) {
    const r = rows.find((x) => x.scopeCode === code);
    if (r) return { title: r.title, paragraphs: r.paragraphs, scopeCode: code };
  }
  return { title: form.title, paragraphs: [...form.paragraphs], scopeCode: null };
}

export function slipFileName(ref: Pick<SlipRef, 'kind' | 'n'>, many: boolean): string {
  return many ? `${ref.kind}-${ref.n}` : ref.kind;
}

/** The slips of a dossier with the names their files are served under. */
export function listSlips(events: readonly DossierEvent[]) {
  const refs = slipsOf(events);
  return refs.map((r) => ({ ref: r, name: slipFileName(r, refs.filter((x) => x.kind === r.kind).length > 1) }));
}

export function findSlip(events: readonly DossierEvent[], kind: SlipKind, n: number | null): SlipRef | null {
  const all = slipsOf(events).filter((r) => r.kind === kind);
  if (n === null) return all.length === 1 ? all[0]! : null;
  return all.find((r) => r.n === n) ?? null;
}

export async function composeSlip(deps: DocumentDeps, row: DossierRow, src: SlipSource & { chain: string[] }, ref: SlipRef): Promise<PrintDoc> {
  const values = slipValues(src, ref);
  const tpl = await effectiveTemplate(deps.db, src.chain, ref.form);
  let handovers: HandoverRow[] | null = null;
  if (ref.form.table === 'handovers') {
    const c = await deps.calendar.compiled(row.agencyCode, Date.now());
    const stepOf = (code: string) => row.process.steps.find((s) => s.code === code);
    handovers = handoverRows(
      src,
      (code) => stepOf(code)?.name ?? code,
      (enteredAt, code) => {
        const st = stepOf(code);
        return st && st.budgetHours > 0 ? addWorkingMinutes(enteredAt, st.budgetHours * 60, c.cal) : null;
      },
    );
  }
  return slipPrintDoc(src, ref, values, tpl, handovers);
}

/** The printable slip from its values, wording and (control slip) hand-over rows. Pure. */
export function slipPrintDoc(src: SlipSource, ref: SlipRef, values: SlipValues, tpl: { title: string; paragraphs: string[] }, handovers: HandoverRow[] | null): PrintDoc {
  return {
    paper: ref.form.paper,
    qrText: src.code ? src.lookupUrl : null,
    governingBody: src.agency.governingBody,
    agencyName: src.agency.name,
    number: typeof values.number === 'string' ? values.number : null,
    placeDate: typeof values.placeDate === 'string' ? values.placeDate : '',
    title: fillText(tpl.title, values).toUpperCase(),
    blocks: renderBlocks(tpl.paragraphs, values),
    table: handovers
      ? {
          columns: [
            { title: 'Tên cơ quan, người giao / nhận', width: 10 },
            { title: 'Thời gian giao, nhận hồ sơ', width: 7 },
            { title: 'Kết quả giải quyết (trước / đúng / quá hạn)', width: 5 },
            { title: 'Ghi chú', width: 4 },
          ],
          rows: handovers.map((r) => [`1. Giao: ${r.giver}\n2. Nhận: ${r.receiver}`, r.at, r.result, r.note]),
        }
      : null,
    signatures: ref.form.signatures.map((s) => ({ title: s.title, note: fillText(s.note, values) })),
    docTitle: `${ref.form.title} — ${src.code ?? ''}`,
  };
}

/** The register (sổ theo dõi) of an agency for dossiers received in [from, to] (local dates). */
export async function composeRegister(deps: DocumentDeps, agencyCode: string, rows: DossierRow[], period: { from: string; to: string }, ruleSet: FormDef['ruleSet']): Promise<PrintDoc> {
  const form = formOf(ruleSet, 'register')!;
  const agency = await agencyInfo(deps.db, agencyCode);
  const tpl = await effectiveTemplate(deps.db, agency.chain, form);
  const out: RegisterRow[] = [];
  for (const [i, r] of rows.entries()) {
    const evs = (await deps.db.select({ event: dossierEvents.event }).from(dossierEvents).where(eq(dossierEvents.dossierId, r.id)).orderBy(asc(dossierEvents.seq))).map((e) => e.event);
    out.push(registerRow(i + 1, { code: r.code, procedure: { code: r.procedureCode, name: r.procedureName }, applicant: r.applicant, agency: { ...agency }, events: evs }));
  }
  const fmt = (d: string) => d.split('-').reverse().join('/');
  const values = { governingBody: agency.governingBody, agencyName: agency.name, placeDate: `${agency.place}, ngày ${localDateOf(Date.now()).split('-').reverse().join('/')}`, period: `từ ${fmt(period.from)} đến ${fmt(period.to)}` };
  return {
    paper: 'A4-landscape',
    qrText: null,
    governingBody: agency.governingBody,
    agencyName: agency.name,
    number: null,
    placeDate: values.placeDate,
    title: fillText(tpl.title, values).toUpperCase(),
    blocks: renderBlocks(tpl.paragraphs, values),
    table: { columns: REGISTER_COLUMNS.map((c) => ({ title: c.title, width: c.width })), rows: out.map((r) => REGISTER_COLUMNS.map((c) => String(r[c.key]))) },
    signatures: [],
    docTitle: `${form.title} — ${agency.name}`,
  };
}

// ── Signing with the agency's certificate ─────────────────────────────────────────────────

export async function agencyIdentity(deps: DocumentDeps, agencyCode: string): Promise<(SigningIdentity & { agencyCode: string }) | null> {
  if (!deps.signingKey) return null;
  const chain = await agencyAncestors(deps.db, agencyCode);
  const rows = await deps.db.select().from(signingCertificates).where(inArray(signingCertificates.agencyCode, chain));
  const row = chain.map((c) => rows.find((r) => r.agencyCode === c)).find(Boolean);
  if (!row) return null;
  const p12 = decryptSecret(deps.signingKey, row.p12Sealed);
  const pass = decryptSecret(deps.signingKey, row.passphraseSealed).toString('utf8');
  return { ...(await openP12(p12, pass)), agencyCode: row.agencyCode };
}

export async function signWithAgency(deps: DocumentDeps, agencyCode: string, pdf: Buffer, reason: string): Promise<{ pdf: Buffer; signed: boolean }> {
  const id = await agencyIdentity(deps, agencyCode);
  if (!id) return { pdf, signed: false };
  const agency = await agencyInfo(deps.db, agencyCode);
  return { pdf: await signPdf(pdf, id, { reason, location: agency.place, name: agency.name }), signed: true };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

export function requireSigningKey(deps: DocumentDeps): Buffer {
  if (!deps.signingKey) throw problems.business('Máy chủ chưa cấu hình khóa bảo vệ chứng thư số (DOCUMENT_SIGNING_KEY)');
  return deps.signingKey;
}

