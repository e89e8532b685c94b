import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { access, AgencyCode, Problem } from '@motcua/domain';
import { FORMS, fieldCatalogue, formKey, formOf, ruleSetFor, SlipTemplateBody, templateProblems, type RuleSet, type SlipKind } from '@motcua/domain/documents/index.ts';
import { dayOfDate, dateOfDay, instantAt, isIsoDate } from '@motcua/domain/calendar/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencyAncestors } from '../../http/access.ts';
import { dossierFiles, dossiers, files, signingCertificates, slipTemplates } from '../../db/schema.ts';
import { insertFileRow } from '../../files/upload.ts';
import { canRead, type DossierRow } from '../dossiers/service.ts';
import { rolesOver } from '../dossiers/actors.ts';
import { renderDocx } from './docx.ts';
import { renderPdf } from './pdf.ts';
import { composeRegister, composeSlip, effectiveTemplate, findSlip, listSlips, readAll, requireSigningKey, signWithAgency, slipSource, type DocumentDeps } from './service.ts';
import { encryptSecret, openP12, SigningError } from './signing.ts';
import { verifyPdfSignatures } from './verify.ts';
import { auditAs } from '../../audit.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control'] as const;
const SlipFile = Type.String({ pattern: `^(${KINDS.join('|')})(-[1-9][0-9]{0,2})?\\.(pdf|docx)$`, description: 'kind, optional -n when the dossier has several of that kind, and .pdf or .docx' });
const TEMPLATE_ADMINS = ['system_admin', 'agency_admin'] as const;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const SlipList = Type.Object({
  items: Type.Array(Type.Object({ kind: Type.String(), n: Type.Integer(), form: Type.String({ description: 'rule set / form number, e.g. tt03-2025/01' }), title: Type.String(), pdfUrl: Type.String(), docxUrl: Type.String() })),
});
const SignatureReport = Type.Object({
  signer: Type.Union([Type.String(), Type.Null()]),
  signerDn: Type.Union([Type.String(), Type.Null()]),
  issuerDn: Type.Union([Type.String(), Type.Null()]),
  signingTime: Type.Union([Type.String(), Type.Null()]),
  subFilter: Type.Union([Type.String(), Type.Null()]),
  valid: Type.Boolean(),
  coversWholeDocument: Type.Boolean(),
  changedSinceSigning: Type.Boolean(),
  problem: Type.Union([Type.String(), Type.Null()]),
});
const CertificateInfo = Type.Object({ agencyCode: Type.String(), subject: Type.String(), issuer: Type.String(), notBefore: Type.String(), notAfter: Type.String(), uploadedAt: Type.String() });

function attachment(name: string) {
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function documentRoutes(app: App, deps: Deps): void {
  const { db, config } = deps;
  const dd: DocumentDeps = { db, calendar: deps.calendar, publicUrl: config.publicUrl, signingKey: config.documentSigningKey };

  async function readable(req: { user?: unknown }, id: string): Promise<DossierRow> {
    const row = (await db.select().from(dossiers).where(eq(dossiers.id, id)))[0];
    // Another citizen's or agency's dossier is indistinguishable from a missing one.
    if (!row || !(await canRead(db, req.user as never, row))) throw problems.notFound('Không tìm thấy hồ sơ');
    return row;
  }

  app.get(
    '/api/v1/dossiers/:id/slips',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['documents'],
        summary: 'Các phiếu của hồ sơ (giấy tiếp nhận, yêu cầu bổ sung, từ chối, xin lỗi, dừng giải quyết, phiếu kiểm soát) theo mẫu của thông tư áp dụng khi tiếp nhận',
        description: 'Whoever may read the dossier (its applicant, officers over its agency). Each slip as PDF (signed with the agency certificate when one is configured) and as editable DOCX.',
        params: IdParams,
        response: { 200: SlipList, 404: Problem },
      },
    },
    async (req) => {
      const row = await readable(req, req.params.id);
      const src = await slipSource(dd, row);
      const base = `/api/v1/dossiers/${row.id}/slips`;
      return {
        items: listSlips(src.events).map(({ ref, name }) => ({
          kind: ref.kind,
          n: ref.n,
          form: `${ref.form.ruleSet}/${ref.form.form}`,
          title: ref.form.title,
          pdfUrl: `${base}/${name}.pdf`,
          docxUrl: `${base}/${name}.docx`,
        })),
      };
    },
  );

  app.get(
    '/api/v1/dossiers/:id/slips/:file',
    {
      config: { access: access.authenticated },
      schema: { tags: ['documents'], summary: 'Tải một phiếu của hồ sơ (PDF để in, DOCX để chỉnh sửa)', params: Type.Object({ id: IdParams.properties.id, file: SlipFile }), response: { 400: Problem, 404: Problem } },
    },
    async (req, reply) => {
      const row = await readable(req, req.params.id);
      const [, kind, n, ext] = /^([a-z]+)(?:-(\d+))?\.(pdf|docx)$/.exec(req.params.file)!;
      const src = await slipSource(dd, row);
      const ref = findSlip(src.events, kind as SlipKind, n ? Number(n) : null);
      if (!ref) throw problems.notFound('Hồ sơ không có phiếu này');
      const doc = await composeSlip(dd, row, src, ref);
      const name = `${ref.kind}${n ? `-${n}` : ''}-${row.code ?? row.id}.${ext}`;
      if (ext === 'docx') return reply.type(DOCX).header('content-disposition', attachment(name)).send((await renderDocx(doc)) as never);
      const { pdf } = await signWithAgency(dd, row.agencyCode, await renderPdf(doc), ref.form.title);
      return reply.type('application/pdf').header('content-disposition', attachment(name)).send(pdf as never);
    },
  );

  app.get(
    '/api/v1/agencies/:code/dossier-register.pdf',
    {
      config: { access: access.roles(['reception', 'head', 'leader', 'controller', 'agency_admin', 'system_admin']) },
      schema: {
        tags: ['documents'],
        summary: 'Sổ theo dõi hồ sơ (A4) của cơ quan cho các hồ sơ nhận trong khoảng ngày',
        params: Type.Object({ code: AgencyCode }),
        querystring: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
        response: { 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      const { from, to } = req.query;
      if (!isIsoDate(from) || !isIsoDate(to) || to < from) throw problems.field('to', 'Khoảng ngày không hợp lệ', 'Invalid date range');
      await req.requireAgencyRole(['reception', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'], req.params.code);
      const start = instantAt(from, '00:00');
      const end = instantAt(dateOfDay(dayOfDate(to) + 1), '00:00');
      const rows = await db
        .select()
        .from(dossiers)
        .where(and(eq(dossiers.agencyCode, req.params.code), gte(dossiers.submittedAt, new Date(start)), lt(dossiers.submittedAt, new Date(end))))
        .orderBy(asc(dossiers.submittedAt))
        .limit(5000);
      const doc = await composeRegister(dd, req.params.code, rows.filter((r) => r.code), { from, to }, ruleSetFor(from));
      return reply.type('application/pdf').header('content-disposition', attachment(`so-theo-doi-${from}-${to}.pdf`)).send((await renderPdf(doc)) as never);
    },
  );

  // ── Templates (administrators) ──────────────────────────────────────────────────────────

  const TemplateParams = Type.Object({ scope: AgencyCode, ruleSet: Type.Union([Type.Literal('tt01-2018'), Type.Literal('tt03-2025')]), kind: Type.Union([...KINDS, 'register'].map((k) => Type.Literal(k))) });
  const TemplateView = Type.Object({
    ruleSet: Type.String(),
    kind: Type.String(),
    form: Type.String(),
    paper: Type.String(),
    title: Type.String(),
    paragraphs: Type.Array(Type.String()),
    overriddenAt: Type.Union([Type.String(), Type.Null()], { description: 'The scope whose override applies, or null for the default wording' }),
    fields: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), list: Type.Boolean() })),
  });

  app.get(
    '/api/v1/admin/slip-templates/:scope',
    {
      config: { access: access.roles(TEMPLATE_ADMINS) },
      schema: { tags: ['documents'], summary: 'Mẫu phiếu đang áp dụng cho một tỉnh/cơ quan và các trường dùng được', params: Type.Object({ scope: AgencyCode }), response: { 200: Type.Object({ items: Type.Array(TemplateView) }), 403: Problem } },
    },
    async (req) => {
      await req.requireAgencyRole(TEMPLATE_ADMINS, req.params.scope);
      const chain = await agencyAncestors(db, req.params.scope);
      const items = [];
      for (const f of FORMS) {
        const t = await effectiveTemplate(db, chain, f);
        items.push({ ruleSet: f.ruleSet, kind: f.kind, form: f.form, paper: f.paper, title: t.title, paragraphs: t.paragraphs, overriddenAt: t.scopeCode, fields: fieldCatalogue(f) });
      }
      return { items };
    },
  );

  app.put(
    '/api/v1/admin/slip-templates/:scope/:ruleSet/:kind',
    {
      config: { access: access.roles(TEMPLATE_ADMINS) },
      schema: {
        tags: ['documents'],
        summary: 'Sửa tiêu đề và nội dung một mẫu phiếu cho tỉnh/cơ quan; chỉ dùng được các trường {{...}} của mẫu',
        params: TemplateParams,
        body: SlipTemplateBody,
        response: { 200: TemplateView, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(TEMPLATE_ADMINS, req.params.scope);
      const form = formOf(req.params.ruleSet as RuleSet, req.params.kind as SlipKind);
      if (!form) throw problems.notFound('Thông tư này không có mẫu đó');
      const errors = templateProblems(form, req.body);
      if (errors.length) throw problems.validation(errors);
      const values = { scopeCode: req.params.scope, formKey: formKey(form), title: req.body.title.normalize('NFC'), paragraphs: req.body.paragraphs.map((p) => p.normalize('NFC')), updatedBy: req.user!.id, updatedAt: new Date() };
      // Every administrative change is audited, in the transaction that makes it.
      await db.transaction(async (tx) => {
        await tx.insert(slipTemplates).values(values).onConflictDoUpdate({ target: [slipTemplates.scopeCode, slipTemplates.formKey], set: values });
        await auditAs(req, tx, { action: 'slip-template.put', targetType: 'slip-template', targetId: `${req.params.scope}/${values.formKey}`, data: { title: values.title, paragraphs: values.paragraphs } });
      });
      return { ruleSet: form.ruleSet, kind: form.kind, form: form.form, paper: form.paper, title: values.title, paragraphs: values.paragraphs, overriddenAt: req.params.scope, fields: fieldCatalogue(form) };
    },
  );

  app.delete(
    '/api/v1/admin/slip-templates/:scope/:ruleSet/:kind',
    {
      config: { access: access.roles(TEMPLATE_ADMINS) },
      schema: { tags: ['documents'], summary: 'Bỏ nội dung đã sửa, trở về mẫu của cấp trên hoặc mẫu mặc định', params: TemplateParams, response: { 204: Type.Null(), 403: Problem } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(TEMPLATE_ADMINS, req.params.scope);
      const key = `${req.params.ruleSet}/${req.params.kind}`;
      await db.transaction(async (tx) => {
        const gone = await tx.delete(slipTemplates).where(and(eq(slipTemplates.scopeCode, req.params.scope), eq(slipTemplates.formKey, key))).returning({ title: slipTemplates.title });
        await auditAs(req, tx, { action: 'slip-template.reset', targetType: 'slip-template', targetId: `${req.params.scope}/${key}`, data: { removed: gone.length > 0 } });
      });
      return reply.code(204).send(null);
    },
  );

  // ── Signing certificates and signatures ─────────────────────────────────────────────────

  const certDto = (r: typeof signingCertificates.$inferSelect) => ({ agencyCode: r.agencyCode, subject: r.subject, issuer: r.issuer, notBefore: r.notBefore.toISOString(), notAfter: r.notAfter.toISOString(), uploadedAt: r.uploadedAt.toISOString() });

  app.put(
    '/api/v1/admin/agencies/:code/signing-certificate',
    {
      config: { access: access.roles(TEMPLATE_ADMINS) },
      schema: {
        tags: ['documents'],
        summary: 'Cài chứng thư số (PKCS#12) của cơ quan để ký số phiếu và kết quả; tệp và mật khẩu được mã hóa khi lưu',
        params: Type.Object({ code: AgencyCode }),
        body: Type.Object({ p12: Type.String({ minLength: 4, maxLength: 200_000, contentEncoding: 'base64', description: 'The .p12/.pfx file, base64' }), passphrase: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: CertificateInfo, 400: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(TEMPLATE_ADMINS, req.params.code);
      const key = requireSigningKey(dd);
      const p12 = Buffer.from(req.body.p12, 'base64');
      let id;
      try {
        id = await openP12(p12, req.body.passphrase);
      } catch (e) {
        if (e instanceof SigningError) throw problems.field('p12', e.message, 'Cannot open the PKCS#12 file with this passphrase');
        throw e;
      }
      const values = {
        agencyCode: req.params.code,
        p12Sealed: encryptSecret(key, p12),
        passphraseSealed: encryptSecret(key, Buffer.from(req.body.passphrase, 'utf8')),
        subject: id.subject,
        issuer: id.issuer,
        notBefore: new Date(id.notBefore),
        notAfter: new Date(id.notAfter),
        uploadedBy: req.user!.id,
        uploadedAt: new Date(),
      };
      // Audited without the sealed key material: who installed which certificate, when.
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.insert(signingCertificates).values(values).onConflictDoUpdate({ target: signingCertificates.agencyCode, set: values }).returning();
        await auditAs(req, tx, { action: 'signing-certificate.install', targetType: 'agency', targetId: req.params.code, data: { subject: id.subject, issuer: id.issuer, notBefore: values.notBefore.toISOString(), notAfter: values.notAfter.toISOString() } });
        return r;
      });
      return certDto(row!);
    },
  );

  app.get(
    '/api/v1/admin/agencies/:code/signing-certificate',
    {
      config: { access: access.roles(TEMPLATE_ADMINS) },
      schema: { tags: ['documents'], summary: 'Chứng thư số đang cài cho cơ quan (không trả khóa)', params: Type.Object({ code: AgencyCode }), response: { 200: CertificateInfo, 403: Problem, 404: Problem } },
    },
    async (req) => {
      await req.requireAgencyRole(TEMPLATE_ADMINS, req.params.code);
      const row = (await db.select().from(signingCertificates).where(eq(signingCertificates.agencyCode, req.params.code)))[0];
      if (!row) throw problems.notFound('Cơ quan chưa cài chứng thư số');
      return certDto(row);
    },
  );

  app.post(
    '/api/v1/dossiers/:id/results/:n/sign',
    {
      config: { access: access.roles(['leader']) },
      schema: {
        tags: ['documents'],
        summary: 'Lãnh đạo ký số văn bản kết quả (PDF) của hồ sơ bằng chứng thư số của cơ quan',
        description: 'The signed copy is stored as a new file and attached to the dossier as a result file; the unsigned file stays in the history.',
        params: Type.Object({ id: IdParams.properties.id, n: Type.Integer({ minimum: 1, maximum: 20 }) }),
        response: { 201: Type.Object({ fileId: Type.String(), signature: SignatureReport }), 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const row = await readable(req, req.params.id);
      const roles = await rolesOver(db, req.user!.roles, row.agencyCode);
      if (!roles.some((r) => r.role === 'leader')) throw problems.forbidden('Chỉ lãnh đạo cơ quan giải quyết hồ sơ được ký kết quả');
      const result = row.state.results.find((r) => r.n === req.params.n);
      if (!result?.fileId) throw problems.notFound('Hồ sơ không có văn bản kết quả này');
      const file = (await db.select().from(files).where(eq(files.id, result.fileId)))[0];
      if (!file || file.mediaType !== 'application/pdf') throw problems.business('Chỉ ký số được văn bản PDF', [{ field: 'n', message: 'Văn bản kết quả không phải PDF', messageEn: 'The result is not a PDF' }]);
      const pdf = await readAll(await deps.files.store.get(file.storageKey));
      const signed = await signWithAgency(dd, row.agencyCode, pdf, `Ký số kết quả hồ sơ ${row.code ?? ''}`.trim());
      if (!signed.signed) throw problems.business('Cơ quan chưa cài chứng thư số', [{ field: 'agencyCode', message: 'Cơ quan chưa cài chứng thư số', messageEn: 'No signing certificate for the agency' }]);
      const stored = await deps.files.storeUpload({ stream: Readable.from(signed.pdf), fileName: file.originalName.replace(/\.pdf$/i, '') + '-ky-so.pdf', ownerUserId: row.ownerUserId, createdBy: req.user!.id });
      await db.transaction(async (tx) => {
        await insertFileRow(tx, stored);
        await tx.insert(dossierFiles).values({ dossierId: row.id, componentCode: null, kind: 'result', fileId: stored.id, addedBy: req.user!.id });
      });
      const [report] = await verifyPdfSignatures(signed.pdf);
      return reply.code(201).send({ fileId: stored.id, signature: report! });
    },
  );

  app.get(
    '/api/v1/files/:id/signatures',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['documents'],
        summary: 'Kiểm tra chữ ký số của một tệp PDF đã tải lên: người ký, thời điểm ký, tài liệu có bị sửa sau khi ký không',
        params: IdParams,
        response: { 200: Type.Object({ signatures: Type.Array(SignatureReport) }), 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const file = (await db.select().from(files).where(eq(files.id, req.params.id)))[0];
      if (!file || !(await deps.files.canRead(req, file))) throw problems.notFound('Không tìm thấy tệp');
      if (file.mediaType !== 'application/pdf') throw problems.business('Chỉ kiểm tra chữ ký số của tệp PDF');
      const pdf = await readAll(await deps.files.store.get(file.storageKey));
      return { signatures: await verifyPdfSignatures(pdf) };
    },
  );
}
