import { createHash, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { checkOtp, OTP_LENGTH, OTP_RESEND_COOLDOWN_MS, OTP_TTL_MS, type OtpCheck } from '@motcua/domain';
import type { DbOrTx } from '../../db/pool.ts';
import { accountCodes } from '../../db/schema.ts';

export type CodePurpose = 'verify-email' | 'verify-phone' | 'password-reset';

const hashCode = (userId: string, code: string) => createHash('sha256').update(`${userId}:${code}`).digest('hex');

/**
 * Issues a fresh code for (user, purpose), replacing any earlier one, and returns it in clear for
 * the message. Returns null inside the resend cooldown, so a button held down sends one message.
 */
export async function issueCode(tx: DbOrTx, userId: string, purpose: CodePurpose, now = new Date()): Promise<{ code: string; expiresAt: Date } | null> {
  const [prev] = await tx.select().from(accountCodes).where(and(eq(accountCodes.userId, userId), eq(accountCodes.purpose, purpose))).for('update');
  if (prev && !prev.usedAt && now.getTime() - prev.createdAt.getTime() < OTP_RESEND_COOLDOWN_MS) return null;
  const code = String(randomInt(0, 10 ** OTP_LENGTH)).padStart(OTP_LENGTH, '0');
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS);
  const values = { userId, purpose, codeHash: hashCode(userId, code), expiresAt, attempts: 0, usedAt: null, createdAt: now };
  await tx.insert(accountCodes).values(values).onConflictDoUpdate({ target: [accountCodes.userId, accountCodes.purpose], set: values });
  return { code, expiresAt };
}

/**
 * Checks a code and, when right, marks it used — in the caller's transaction, under a row lock, so
 * two concurrent tries cannot both use one code. The caller commits a wrong try too (it returns
 * the verdict from its transaction and refuses after), so the attempt limit cannot be dodged.
 */
export async function consumeCode(tx: DbOrTx, userId: string, purpose: CodePurpose, code: string, now = new Date()): Promise<OtpCheck | 'none'> {
  const [row] = await tx.select().from(accountCodes).where(and(eq(accountCodes.userId, userId), eq(accountCodes.purpose, purpose))).for('update');
  if (!row) return 'none';
  const r = checkOtp({ hash: row.codeHash, expiresAt: row.expiresAt.getTime(), attempts: row.attempts, usedAt: row.usedAt ? row.usedAt.getTime() : null }, hashCode(userId, code), now.getTime());
  if (r === 'ok') await tx.update(accountCodes).set({ usedAt: now }).where(eq(accountCodes.id, row.id));
  else if (r === 'wrong') await tx.update(accountCodes).set({ attempts: sql`${accountCodes.attempts} + 1` }).where(eq(accountCodes.id, row.id));
  return r;
}
