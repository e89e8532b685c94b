/** GET /api/v1/queue/{agency} (apps/server/src/modules/queue/routes.ts). */
export interface QueueTicket {
  id: string;
  label: string;
  groupCode: string;
  number: number;
  status: string;
  takenAt: string;
  calledAt: string | null;
  counterCode: string | null;
}
export interface QueueBoard {
  agency: { code: string; name: string };
  day: string;
  groups: { code: string; name: string; nameEn: string | null; waiting: number }[];
  counters: { code: string; name: string; groupCodes: string[]; current: QueueTicket | null }[];
  recent: QueueTicket[];
}
