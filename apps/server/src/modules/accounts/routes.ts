import { and, eq, or, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import {
  access,
  defaultPreferences,
  normaliseEmail,
  normalisePhone,
  NotificationPreferences,
  nfc,
  OTP_RESEND_COOLDOWN_MS,
  passwordProblems,
  PASSWORD_PROBLEM_EN,
  PASSWORD_PROBLEM_VI,
  Problem,
  Profile,
  ProfileUpdate,
  RegistrationInput,
  registrationProblems,
  searchKey,
  type OtpCheck,
} from '@motcua/domain';
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { HttpProblem, problems } from '../../http/problem.ts';
import { agencies, citizenProfiles, users } from '../../db/schema.ts';
import { appendAudit } from '../../audit.ts';
import { destroyOtherSessions } from '../../http/session.ts';
import { notify } from '../../notifications/outbox.ts';
import { hashPassword } from '../auth/passwords.ts';
import { signIn } from '../auth/routes.ts';
import { LoginBody, Me } from '../auth/schemas.ts';
import { consumeCode, issueCode } from './codes.ts';

const Email = Type.String({ minLength: 3, maxLength: 200 });
const Code = Type.String({ pattern: '^\\d{6}$', description: 'The 6-digit code from the message' });
const PUBLIC_LIMIT = { max: 20, timeWindow: '1 minute' };
const COOLDOWN_S = OTP_RESEND_COOLDOWN_MS / 1000;

/** Today in Asia/Ho_Chi_Minh (fixed UTC+7), YYYY-MM-DD. */
const todayVn = (now = Date.now()) => new Date(now + 7 * 3600_000).toISOString().slice(0, 10);

const codeProblem = (field: string, r: OtpCheck | 'none') => {
  const [vi, en] =
    r === 'expired'
      ? ['Mã đã hết hạn, hãy yêu cầu gửi lại mã', 'The code has expired; ask for a new one']
      : r === 'exhausted'
        ? ['Nhập sai quá số lần cho phép, hãy yêu cầu gửi lại mã', 'Too many wrong tries; ask for a new code']
        : ['Mã không đúng hoặc đã được dùng', 'The code is wrong or was already used'];
  return problems.field(field, vi, en);
};

type UserRow = typeof users.$inferSelect;

/** A citizen account by what people type to sign in: e-mail, ID number or tax code (= username). */
async function findCitizen(db: Deps['db'], login: string): Promise<UserRow | undefined> {
  const key = login.trim().toLowerCase();
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.kind, 'citizen'), or(eq(sql`lower(${users.username})`, key), eq(sql`lower(${users.email})`, key), eq(users.idNumber, key))))
    .limit(2);
  // Two accounts answering to one login (an ID number that is another's username) is ambiguous: no one signs in with it.
  return rows.length === 1 ? rows[0] : undefined;
}

/**
 * Citizen accounts [SPEC §3]: registration with e-mail verification (and phone verification when
 * an SMS gateway is configured), sign-in by e-mail or ID number, password reset by an e-mailed
 * code, profile and notification choices.
 */
export function accountRoutes(app: App, { db, config }: Deps): void {
  const smsAvailable = !!config.smsUrl;

  function requireCitizen(req: FastifyRequest): string {
    const u = req.user!;
    if (u.kind !== 'citizen') throw problems.forbidden('Chức năng dành cho tài khoản công dân, tổ chức');
    return u.id;
  }

  async function sendEmailCode(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], u: { id: string; email: string | null; fullName: string }, locale: string) {
    const issued = await issueCode(tx, u.id, 'verify-email');
    if (!issued) return false;
    const verifyUrl = `${config.publicUrl}/xac-minh?email=${encodeURIComponent(u.email ?? '')}&code=${issued.code}`;
    await notify(tx, {
      event: 'account.verify-email',
      recipient: { userId: u.id, email: u.email, name: u.fullName, locale: locale === 'en' ? 'en' : 'vi' },
      channels: ['email'],
      data: { otp: issued.code, expiresAt: issued.expiresAt.toISOString(), verifyUrl },
    });
    return true;
  }

  async function sendPhoneCode(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], u: { id: string; phone: string | null; fullName: string }, locale: string) {
    if (!smsAvailable || !u.phone) return false;
    const issued = await issueCode(tx, u.id, 'verify-phone');
    if (!issued) return false;
    await notify(tx, {
      event: 'account.verify-email',
      recipient: { userId: u.id, phone: u.phone, name: u.fullName, locale: locale === 'en' ? 'en' : 'vi' },
      channels: ['sms'],
      data: { otp: issued.code, expiresAt: issued.expiresAt.toISOString(), verifyUrl: `${config.publicUrl}/ca-nhan` },
    });
    return true;
  }

  async function profileOf(userId: string) {
    const [row] = await db.select().from(users).leftJoin(citizenProfiles, eq(citizenProfiles.userId, users.id)).where(eq(users.id, userId));
    const u = row!.users;
    const p = row!.citizen_profiles;
    return {
      id: u.id,
      accountType: p?.accountType ?? (u.taxCode ? 'organisation' : 'individual'),
      username: u.username,
      fullName: u.fullName,
      // The owner sees their own data whole; everyone else gets it masked (see users/routes.ts).
      idNumber: u.idNumber,
      dateOfBirth: u.dateOfBirth,
      taxCode: u.taxCode,
      organisationName: u.organisationName,
      email: u.email,
      emailVerified: !p || !!p.emailVerifiedAt,
      phone: u.phone,
      phoneVerified: !!p?.phoneVerifiedAt,
      provinceCode: p?.provinceCode ?? null,
      communeCode: p?.communeCode ?? null,
      address: u.address,
      smsAvailable,
    } satisfies Profile;
  }

  // ── Registration and verification ─────────────────────────────────────────────────────────

  app.post(
    '/api/v1/accounts/register',
    {
      config: { access: access.public, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Đăng ký tài khoản công dân (CCCD) hoặc tổ chức (mã số thuế); gửi mã xác nhận 6 chữ số tới thư điện tử [001 Art. 6.3]',
        body: RegistrationInput,
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), username: Type.String(), email: Type.String(), phoneVerificationSent: Type.Boolean() }),
          400: Problem,
          409: Problem,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const errors = registrationProblems(b, todayVn());
      if (errors.length) throw problems.validation(errors);
      const email = normaliseEmail(b.email);
      if (!/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(email)) throw problems.field('email', 'Địa chỉ thư điện tử không hợp lệ', 'Invalid e-mail address');
      const username = b.accountType === 'individual' ? b.idNumber! : b.taxCode!;
      const fullName = nfc(b.fullName.trim());
      const phone = b.phone ? normalisePhone(b.phone) : null;
      const passwordHash = await hashPassword(b.password);
      const out = await db.transaction(async (tx) => {
        // Serialise registrations of one e-mail/ID so two concurrent ones cannot both pass the check.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`register:${email}`})), pg_advisory_xact_lock(hashtext(${`register:${username}`}))`);
        const clash = await tx
          .select({ username: users.username, email: users.email, idNumber: users.idNumber })
          .from(users)
          .where(or(eq(sql`lower(${users.username})`, username.toLowerCase()), and(eq(users.kind, 'citizen'), eq(sql`lower(${users.email})`, email))));
        const errs = [];
        if (clash.some((c) => c.username.toLowerCase() === username.toLowerCase()))
          errs.push(
            b.accountType === 'individual'
              ? { field: 'idNumber', message: 'Số định danh này đã có tài khoản', messageEn: 'This ID number already has an account' }
              : { field: 'taxCode', message: 'Mã số thuế này đã có tài khoản', messageEn: 'This tax code already has an account' },
          );
        if (clash.some((c) => c.email?.toLowerCase() === email)) errs.push({ field: 'email', message: 'Địa chỉ thư điện tử này đã được dùng', messageEn: 'This e-mail address is already in use' });
        if (errs.length) throw problems.conflict('Tài khoản đã tồn tại', errs);
        const [u] = await tx
          .insert(users)
          .values({
            kind: 'citizen',
            username,
            fullName,
            email,
            phone,
            idNumber: b.idNumber ?? null,
            dateOfBirth: b.dateOfBirth ?? null,
            taxCode: b.taxCode ?? null,
            organisationName: b.organisationName ? nfc(b.organisationName.trim()) : null,
            passwordHash,
            passwordChangedAt: new Date(),
            searchKey: searchKey(`${fullName} ${username}`),
          })
          .returning();
        await tx.insert(citizenProfiles).values({ userId: u!.id, accountType: b.accountType, locale: b.locale ?? 'vi' });
        await sendEmailCode(tx, u!, b.locale ?? 'vi');
        const phoneSent = await sendPhoneCode(tx, u!, b.locale ?? 'vi');
        await appendAudit(tx, { actorId: u!.id, actorName: username, action: 'account.register', targetType: 'user', targetId: u!.id, data: { accountType: b.accountType }, ip: req.ip, requestId: req.id });
        return { id: u!.id, username, email, phoneVerificationSent: phoneSent };
      });
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/api/v1/accounts/verify-email',
    {
      config: { access: access.public, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Xác nhận địa chỉ thư điện tử bằng mã 6 chữ số (hết hạn sau 15 phút, tối đa 5 lần nhập sai)',
        body: Type.Object({ email: Email, code: Code }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: Problem },
      },
    },
    async (req, reply) => {
      const u = await findCitizen(db, normaliseEmail(req.body.email));
      // An unknown address answers like a wrong code: the form reveals nothing about who has an account.
      if (!u || normaliseEmail(u.email ?? '') !== normaliseEmail(req.body.email)) throw codeProblem('code', 'wrong');
      const r = await db.transaction(async (tx) => {
        const r = await consumeCode(tx, u.id, 'verify-email', req.body.code);
        if (r === 'ok') {
          await tx.update(citizenProfiles).set({ emailVerifiedAt: new Date() }).where(eq(citizenProfiles.userId, u.id));
          await appendAudit(tx, { actorId: u.id, actorName: u.username, action: 'account.email-verified', targetType: 'user', targetId: u.id, ip: req.ip, requestId: req.id });
        }
        return r;
      });
      if (r !== 'ok') throw codeProblem('code', r);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/accounts/verify-email/resend',
    {
      config: { access: access.public, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Gửi lại mã xác nhận thư điện tử (cách nhau ít nhất 60 giây); luôn trả lời như nhau',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Type.Object({ cooldownSeconds: Type.Integer() }), 400: Problem },
      },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      const u = await findCitizen(db, email);
      if (u && normaliseEmail(u.email ?? '') === email) {
        const [p] = await db.select().from(citizenProfiles).where(eq(citizenProfiles.userId, u.id));
        if (p && !p.emailVerifiedAt) await db.transaction((tx) => sendEmailCode(tx, u, p.locale));
      }
      return reply.code(202).send({ cooldownSeconds: COOLDOWN_S });
    },
  );

  app.post(
    '/api/v1/me/phone/verify',
    {
      config: { access: access.authenticated, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Xác nhận số điện thoại bằng mã gửi qua SMS (chỉ khi có cổng SMS — SMS_URL)',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const userId = requireCitizen(req);
      if (!smsAvailable) throw problems.business('Hệ thống chưa có cổng gửi SMS nên không xác nhận được số điện thoại');
      const r = await db.transaction(async (tx) => {
        const r = await consumeCode(tx, userId, 'verify-phone', req.body.code);
        if (r === 'ok') {
          await tx.update(citizenProfiles).set({ phoneVerifiedAt: new Date() }).where(eq(citizenProfiles.userId, userId));
          await appendAudit(tx, { actorId: userId, actorName: req.user!.username, action: 'account.phone-verified', targetType: 'user', targetId: userId, ip: req.ip, requestId: req.id });
        }
        return r;
      });
      if (r !== 'ok') throw codeProblem('code', r);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/phone/verify/resend',
    {
      config: { access: access.authenticated, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Gửi lại mã xác nhận số điện thoại qua SMS (cách nhau ít nhất 60 giây)',
        response: { 202: Type.Object({ cooldownSeconds: Type.Integer(), sent: Type.Boolean() }), 403: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const userId = requireCitizen(req);
      if (!smsAvailable) throw problems.business('Hệ thống chưa có cổng gửi SMS nên không xác nhận được số điện thoại');
      const [row] = await db.select().from(users).leftJoin(citizenProfiles, eq(citizenProfiles.userId, users.id)).where(eq(users.id, userId));
      if (!row!.users.phone) throw problems.field('phone', 'Tài khoản chưa có số điện thoại', 'The account has no phone number');
      const sent = await db.transaction((tx) => sendPhoneCode(tx, row!.users, row!.citizen_profiles?.locale ?? 'vi'));
      return reply.code(202).send({ cooldownSeconds: COOLDOWN_S, sent });
    },
  );

  // ── Sign-in and password reset ────────────────────────────────────────────────────────────

  app.post(
    '/api/v1/auth/citizen-login',
    {
      config: { access: access.public, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập tài khoản công dân, tổ chức bằng thư điện tử, số định danh hoặc mã số thuế (khóa 15 phút sau 5 lần sai)',
        body: LoginBody,
        response: { 200: Me, 401: Problem, 423: Problem },
      },
    },
    async (req, reply) => signIn({ db, config }, req, reply, await findCitizen(db, req.body.username), req.body.password),
  );

  app.post(
    '/api/v1/accounts/password-reset',
    {
      config: { access: access.public, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Yêu cầu đặt lại mật khẩu: gửi mã (và đường dẫn) tới thư điện tử của tài khoản; luôn trả lời như nhau',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200, description: 'E-mail, ID number or tax code' }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ cooldownSeconds: Type.Integer() }), 400: Problem },
      },
    },
    async (req, reply) => {
      const u = await findCitizen(db, req.body.username);
      if (u?.email && !u.disabled) {
        const [p] = await db.select({ locale: citizenProfiles.locale }).from(citizenProfiles).where(eq(citizenProfiles.userId, u.id));
        await db.transaction(async (tx) => {
          const issued = await issueCode(tx, u.id, 'password-reset');
          if (!issued) return;
          const resetUrl = `${config.publicUrl}/quen-mat-khau?u=${encodeURIComponent(u.email!)}&code=${issued.code}`;
          await notify(tx, {
            event: 'account.password-reset',
            recipient: { userId: u.id, email: u.email, name: u.fullName, locale: p?.locale === 'en' ? 'en' : 'vi' },
            channels: ['email'],
            data: { otp: issued.code, expiresAt: issued.expiresAt.toISOString(), resetUrl, username: u.username },
          });
          await appendAudit(tx, { actorId: u.id, actorName: u.username, action: 'account.password-reset-requested', targetType: 'user', targetId: u.id, ip: req.ip, requestId: req.id });
        });
      }
      return reply.code(202).send({ cooldownSeconds: COOLDOWN_S });
    },
  );

  app.post(
    '/api/v1/accounts/password-reset/confirm',
    {
      config: { access: access.public, rateLimit: PUBLIC_LIMIT },
      schema: {
        tags: ['accounts'],
        summary: 'Đặt mật khẩu mới bằng mã đã gửi (dùng một lần, hết hạn sau 15 phút); đăng xuất mọi phiên khác',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), code: Code, newPassword: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: Problem },
      },
    },
    async (req, reply) => {
      const u = await findCitizen(db, req.body.username);
      if (!u) throw codeProblem('code', 'wrong');
      const issues = passwordProblems(req.body.newPassword, u.username);
      if (issues.length) throw problems.validation(issues.map((i) => ({ field: 'newPassword', message: PASSWORD_PROBLEM_VI[i], messageEn: PASSWORD_PROBLEM_EN[i], keyword: i })));
      const passwordHash = await hashPassword(req.body.newPassword);
      const r = await db.transaction(async (tx) => {
        const r = await consumeCode(tx, u.id, 'password-reset', req.body.code);
        if (r === 'ok') {
          // The one who can read the mailbox owns the account: the lock-out ends with the reset.
          await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, u.id));
          await destroyOtherSessions(tx, u.id, null);
          await appendAudit(tx, { actorId: u.id, actorName: u.username, action: 'account.password-reset', targetType: 'user', targetId: u.id, ip: req.ip, requestId: req.id });
        }
        return r;
      });
      if (r !== 'ok') throw codeProblem('code', r);
      return reply.code(204).send(null);
    },
  );

  // ── Profile and notification choices ──────────────────────────────────────────────────────

  app.get(
    '/api/v1/me/profile',
    {
      config: { access: access.authenticated },
      schema: { tags: ['accounts'], summary: 'Hồ sơ tài khoản công dân, tổ chức của tôi', response: { 200: Profile, 401: Problem, 403: Problem } },
    },
    async (req) => profileOf(requireCitizen(req)),
  );

  app.patch(
    '/api/v1/me/profile',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['accounts'],
        summary: 'Sửa hồ sơ (họ tên, điện thoại, ngày sinh, địa chỉ theo tỉnh/xã). Thư điện tử, số định danh và mã số thuế không sửa ở đây.',
        body: ProfileUpdate,
        response: { 200: Profile, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const userId = requireCitizen(req);
      const b = req.body;
      const errors: { field: string; message: string; messageEn: string }[] = [];
      if (b.dateOfBirth && b.dateOfBirth >= todayVn()) errors.push({ field: 'dateOfBirth', message: 'Ngày sinh phải trước hôm nay', messageEn: 'The date of birth must be in the past' });
      // The address names real administrative units: a commune under the chosen province.
      const codes = [b.provinceCode, b.communeCode].filter((c): c is string => !!c);
      const found = codes.length ? await db.select({ code: agencies.code, parentCode: agencies.parentCode }).from(agencies).where(sql`${agencies.code} in ${codes}`) : [];
      if (b.provinceCode && !found.some((a) => a.code === b.provinceCode)) errors.push({ field: 'provinceCode', message: 'Không có tỉnh này', messageEn: 'Unknown province' });
      if (b.communeCode) {
        const c = found.find((a) => a.code === b.communeCode);
        if (!c) errors.push({ field: 'communeCode', message: 'Không có xã, phường này', messageEn: 'Unknown commune' });
        else if (b.provinceCode && !(await isBelow(db, b.communeCode, b.provinceCode)))
          errors.push({ field: 'communeCode', message: 'Xã, phường không thuộc tỉnh đã chọn', messageEn: 'The commune is not in the chosen province' });
      }
      if (errors.length) throw problems.validation(errors);
      await db.transaction(async (tx) => {
        const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
        if (b.fullName !== undefined) set.fullName = nfc(b.fullName.trim());
        if (b.phone !== undefined) set.phone = b.phone ? normalisePhone(b.phone) : null;
        if (b.dateOfBirth !== undefined) set.dateOfBirth = b.dateOfBirth;
        if (b.address !== undefined) set.address = b.address ? nfc(b.address.trim()) : null;
        if (b.organisationName !== undefined) set.organisationName = nfc(b.organisationName.trim());
        const [before] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, userId)).for('update');
        await tx.update(users).set(set).where(eq(users.id, userId));
        const profile: Partial<typeof citizenProfiles.$inferInsert> = {};
        if (b.provinceCode !== undefined) profile.provinceCode = b.provinceCode;
        if (b.communeCode !== undefined) profile.communeCode = b.communeCode;
        // A new phone number is not yet verified.
        if (set.phone !== undefined && set.phone !== before!.phone) profile.phoneVerifiedAt = null;
        await tx
          .insert(citizenProfiles)
          .values({ userId, accountType: 'individual', emailVerifiedAt: new Date(), ...profile })
          .onConflictDoUpdate({ target: citizenProfiles.userId, set: Object.keys(profile).length ? profile : { userId } });
        await appendAudit(tx, { actorId: userId, actorName: req.user!.username, action: 'account.profile-updated', targetType: 'user', targetId: userId, data: { fields: Object.keys(b).sort() }, ip: req.ip, requestId: req.id });
      });
      return profileOf(userId);
    },
  );

  app.get(
    '/api/v1/me/notification-preferences',
    {
      config: { access: access.authenticated },
      schema: { tags: ['accounts'], summary: 'Kênh nhận thông báo theo từng loại sự kiện hồ sơ (thư điện tử, SMS)', response: { 200: NotificationPreferences, 401: Problem, 403: Problem } },
    },
    async (req) => {
      const userId = requireCitizen(req);
      const [p] = await db.select({ prefs: citizenProfiles.notificationPrefs }).from(citizenProfiles).where(eq(citizenProfiles.userId, userId));
      return { ...defaultPreferences(), ...(p?.prefs ?? {}) } as NotificationPreferences;
    },
  );

  app.put(
    '/api/v1/me/notification-preferences',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['accounts'],
        summary: 'Chọn kênh nhận thông báo theo từng loại sự kiện (thông báo trên Cổng luôn được gửi)',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const userId = requireCitizen(req);
      const prefs = req.body;
      await db
        .insert(citizenProfiles)
        .values({ userId, accountType: 'individual', emailVerifiedAt: new Date(), notificationPrefs: prefs })
        .onConflictDoUpdate({ target: citizenProfiles.userId, set: { notificationPrefs: prefs } });
      return prefs;
    },
  );
}

async function isBelow(db: Deps['db'], code: string, ancestor: string): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(sql`
    with recursive up(code, parent_code, depth) as (
      select code, parent_code, 0 from agencies where code = ${code}
      union all select a.code, a.parent_code, up.depth + 1 from agencies a join up on a.code = up.parent_code where up.depth < 20
    ) select exists(select 1 from up where code = ${ancestor}) as ok`);
  return !!r.rows[0]?.ok;
}

/**
 * An account that registered itself may not submit dossiers until its e-mail address is confirmed
 * [001 Art. 6.3]. A hook rather than a line in the dossier module so the rule lives with accounts.
 */
export function unverifiedCannotSubmit(app: App, { db }: Pick<Deps, 'db'>): void {
  app.addHook('preHandler', async (req) => {
    if (req.method !== 'POST' || req.routeOptions.url !== '/api/v1/dossiers' || req.user?.kind !== 'citizen') return;
    const [p] = await db.select({ at: citizenProfiles.emailVerifiedAt }).from(citizenProfiles).where(eq(citizenProfiles.userId, req.user.id));
    if (p && !p.at) throw new HttpProblem(403, 'https://motcua.gov.vn/problems/account-not-verified', 'Tài khoản chưa xác nhận', 'Hãy xác nhận địa chỉ thư điện tử trước khi nộp hồ sơ');
  });
}
