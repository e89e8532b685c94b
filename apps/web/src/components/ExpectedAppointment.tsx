import { useState } from 'react';
import type { TimeLimit } from '@motcua/domain';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatWeekdayDateTime, nowVnIso } from '../format.ts';
import type { DeadlineAnswer } from '../types.ts';

/**
 * "Submit now — expected return: Monday, 30/11/2026 07:30", from the server's working calendar
 * (GET /calendar/deadline with the performing agency's hours). Nothing is shown while it loads or
 * if it fails: no date is better than a wrong one. `data-received-at` is the instant asked about.
 */
export function ExpectedAppointment({ timeLimit, agencyCode }: { timeLimit: TimeLimit; agencyCode?: string | undefined }) {
  const { t } = useI18n();
  const [receivedAt] = useState(nowVnIso);
  const onTheSpot = !!timeLimit.onTheSpot;
  const hours = timeLimit.unit === 'working-hours';
  const answer = useLoad(
    (signal) =>
      onTheSpot
        ? Promise.resolve(null)
        : api.get<DeadlineAnswer>('/api/v1/calendar/deadline', { receivedAt, [hours ? 'workingHours' : 'workingDays']: timeLimit.value, agency: agencyCode }, { signal, quiet: true }),
    [onTheSpot, receivedAt, hours, timeLimit.value, agencyCode],
  );

  if (onTheSpot) {
    return (
      <p className="expected-appointment" data-testid="expected-appointment">
        {t('procedure.onTheSpotReturn')}
      </p>
    );
  }
  if (!answer.data) return null;
  return (
    <div className="expected-appointment" data-testid="expected-appointment" data-received-at={receivedAt}>
      <p className="expected-appointment-line">
        <strong>{t('procedure.expectedReturn')}</strong> <time dateTime={answer.data.appointment}>{formatWeekdayDateTime(answer.data.appointment, t)}</time>
      </p>
      <p className="expected-appointment-note">{t('procedure.expectedReturnNote')}</p>
    </div>
  );
}
