/**
 * Pure rules over the agency tree (cây cơ quan). The tree is data; these functions never touch
 * the database, so scope checks and merge roll-ups are the same everywhere.
 */
export interface AgencyNode {
  code: string;
  parentCode: string | null;
  status: 'active' | 'merged' | 'dissolved';
  successorCode: string | null;
}

/** Every agency at or below `rootCode`, including the root. */
export function subtreeCodes(nodes: readonly AgencyNode[], rootCode: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentCode) {
      const list = children.get(n.parentCode) ?? [];
      list.push(n.code);
      children.set(n.parentCode, list);
    }
  }
  const out = new Set<string>();
  const stack = [rootCode];
  while (stack.length) {
    const c = stack.pop()!;
    if (out.has(c)) continue;
    out.add(c);
    for (const k of children.get(c) ?? []) stack.push(k);
  }
  return out;
}

/** True if making `parentCode` the parent of `code` would create a cycle. */
export function wouldCreateCycle(nodes: readonly AgencyNode[], code: string, parentCode: string): boolean {
  return subtreeCodes(nodes, code).has(parentCode);
}

/**
 * The agency a merged agency's figures roll up into: follow successor links to the end.
 * A chain (A merged into B, later B into C) resolves to C; a cycle in bad data stops.
 */
export function rollUpCode(nodes: readonly AgencyNode[], code: string): string {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  let current = code;
  const seen = new Set<string>();
  for (;;) {
    const n = byCode.get(current);
    if (!n || n.status !== 'merged' || !n.successorCode || seen.has(current)) return current;
    seen.add(current);
    current = n.successorCode;
  }
}
