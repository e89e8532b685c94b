import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's minimum parameters (m=19 MiB, t=2, p=1): ~13 ms a hash on this machine
 * (research/stack.md §9), memory-hard against GPU guessing.
 */
const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (!hashed) {
    // Same work for an unknown account, so response time does not reveal which usernames exist.
    await hash(password, PARAMS);
    return false;
  }
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
