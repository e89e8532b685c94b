import type { Refusal } from '@motcua/domain/dossier/index.ts';

/** What each lifecycle refusal means to an officer, in Vietnamese and English. */
export const REFUSAL_TEXT: Record<Refusal, { vi: string; en: string }> = {
  'not-allowed': { vi: 'Bạn không thể thực hiện thao tác này với hồ sơ ở bước hiện tại', en: 'You cannot take this action on the dossier at its current step' },
  'missing-reason': { vi: 'Cần ghi rõ lý do / nội dung', en: 'A reason or content is required' },
  'assignee-lacks-role': { vi: 'Người được giao không có vai trò của bước này trong cơ quan', en: 'The assignee does not hold this step’s role in the agency' },
  'no-such-consultation': { vi: 'Không có yêu cầu xin ý kiến này', en: 'No such consultation' },
  'consultation-already-answered': { vi: 'Yêu cầu xin ý kiến đã được trả lời', en: 'The consultation was already answered' },
  'reply-deadline-in-past': { vi: 'Hạn trả lời phải ở tương lai', en: 'The reply deadline must be in the future' },
  'verification-in-past': { vi: 'Thời gian xác minh phải ở tương lai', en: 'The verification time must be in the future' },
  'no-result': { vi: 'Chưa có kết quả', en: 'No result yet' },
  'supplement-too-late': { vi: 'Đã quá 03 ngày làm việc kể từ ngày tiếp nhận: không được yêu cầu bổ sung (Nghị định 61/2018 Điều 19.4)', en: 'More than 3 working days after receipt: a supplement request is no longer allowed' },
  'tasks-open': { vi: 'Còn cơ quan phối hợp chưa trả kết quả phần việc (liên thông)', en: 'Participating agencies have not answered yet' },
  'no-such-task': { vi: 'Không có phần việc liên thông này cho cơ quan của bạn, hoặc đã trả lời', en: 'No such open task for your agency' },
  'task-deadline-in-past': { vi: 'Hạn của phần việc phải ở tương lai', en: 'The task deadline must be in the future' },
  'task-to-own-agency': { vi: 'Không gửi phần việc liên thông cho chính cơ quan chủ trì', en: 'A task cannot go to the lead agency itself' },
  'task-agency-already-open': { vi: 'Cơ quan này đang có phần việc chưa trả lời', en: 'This agency already has an open task' },
  'out-of-order': { vi: 'Thời điểm thao tác trước thao tác liền trước', en: 'The action is dated before the previous one' },
  'not-received': { vi: 'Hồ sơ chưa được tiếp nhận', en: 'The dossier has not been accepted' },
  'already-received': { vi: 'Hồ sơ đã được tiếp nhận', en: 'The dossier was already accepted' },
  resolved: { vi: 'Hồ sơ đã có kết quả', en: 'The dossier already has its result' },
  paused: { vi: 'Hồ sơ đang chờ bổ sung', en: 'The dossier is awaiting a supplement' },
  'not-paused': { vi: 'Hồ sơ không ở trạng thái chờ bổ sung', en: 'The dossier is not awaiting a supplement' },
  'supplement-after-appointment-needs-apology': { vi: 'Đã quá ngày hẹn trả: phải có phiếu xin lỗi trước khi yêu cầu bổ sung (003 Điều 19.3.b)', en: 'Past the appointment: an apology is needed before requesting a supplement' },
  'apology-too-late': { vi: 'Phải xin lỗi và hẹn lại chậm nhất 01 ngày làm việc trước hạn giải quyết', en: 'An apology must come at least one working day before the deadline' },
  'apology-already-used': { vi: 'Chỉ được hẹn lại ngày trả kết quả một lần', en: 'The appointment can be rescheduled only once' },
  'apology-appointment-not-later': { vi: 'Ngày hẹn mới phải sau ngày hẹn hiện tại', en: 'The new appointment must be later than the current one' },
};
