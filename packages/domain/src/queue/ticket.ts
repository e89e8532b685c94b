import { Type, type Static } from 'typebox';

/**
 * Queue tickets of the one-stop desk (phiếu xếp hàng): a service group letter and the day's
 * number of that group, shown on the ticket, called on the display [Decree 61/2018 Art. 13.2.b].
 */
export const QueueGroupCode = Type.String({ pattern: '^[A-Z]{1,2}$', description: 'Service group letter(s) printed before the number, e.g. A' });
export const QueueCounterCode = Type.String({ pattern: '^[0-9A-Za-z]{1,4}$', description: 'Counter (quầy) number, e.g. 3' });

export const QueueConfig = Type.Object(
  {
    groups: Type.Array(
      Type.Object({ code: QueueGroupCode, name: Type.String({ minLength: 1, maxLength: 200 }), nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 26 },
    ),
    counters: Type.Array(
      Type.Object({ code: QueueCounterCode, name: Type.String({ minLength: 1, maxLength: 100 }), groupCodes: Type.Array(QueueGroupCode, { minItems: 1, maxItems: 26, uniqueItems: true }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type QueueConfig = Static<typeof QueueConfig>;

/** "A" + 7 → "A007": three digits up to 999, then as many as needed. */
export function ticketLabel(groupCode: string, n: number): string {
  return `${groupCode}${String(n).padStart(3, '0')}`;
}

/** Cross-field rules the schema cannot say: unique codes; counters serve existing groups. */
export function checkQueueConfig(c: QueueConfig): { field: string; message: string; messageEn: string }[] {
  const errors: { field: string; message: string; messageEn: string }[] = [];
  const groups = new Set<string>();
  c.groups.forEach((g, i) => {
    if (groups.has(g.code)) errors.push({ field: `groups.${i}.code`, message: 'Mã nhóm bị trùng', messageEn: 'Duplicate group code' });
    groups.add(g.code);
  });
  const counters = new Set<string>();
  c.counters.forEach((k, i) => {
    if (counters.has(k.code)) errors.push({ field: `counters.${i}.code`, message: 'Số quầy bị trùng', messageEn: 'Duplicate counter' });
    counters.add(k.code);
    k.groupCodes.forEach((g, j) => {
      if (!groups.has(g)) errors.push({ field: `counters.${i}.groupCodes.${j}`, message: `Không có nhóm dịch vụ ${g}`, messageEn: `No service group ${g}` });
    });
  });
  return errors;
}
