import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, enc } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { problemText } from '../forms.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { KioskShell } from './KioskShell.tsx';
import type { QueueBoard, QueueTicket } from './types.ts';

/** The take-a-number kiosk of a one-stop desk (máy lấy số thứ tự) [Decree 61/2018 Art. 13.2.b]. */
export default function QueueKioskPage() {
  const { agency = '' } = useParams();
  const { t, localized } = useI18n();
  const board = useLoad((signal) => api.get<QueueBoard>(`/api/v1/queue/${enc(agency)}`, undefined, { signal }), [agency]);
  const [ticket, setTicket] = useState<{ ticket: QueueTicket; waitingAhead: number; groupName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useDocumentTitle(t('desk.q.kioskTitle'));

  const take = async (groupCode: string) => {
    setBusy(groupCode);
    setError(null);
    try {
      setTicket(await api.post(`/api/v1/queue/${enc(agency)}/tickets`, { groupCode }));
      board.reload();
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <KioskShell>
      <h1>{t('desk.q.kioskTitle')}</h1>
      {board.data ? <p className="kiosk-lead">{board.data.agency.name}</p> : null}
      {board.loading && !board.data ? <Loading /> : null}
      {board.error ? <LoadError error={board.error} onRetry={board.reload} /> : null}
      {error ? <Alert type="error" showIcon role="alert" message={error} /> : null}
      {ticket ? (
        <section className="kiosk-ticket" aria-live="polite" data-testid="ticket">
          <p>{t('desk.q.yourNumber')}</p>
          <p className="kiosk-number">{ticket.ticket.label}</p>
          <p>{ticket.groupName}</p>
          <p>{t('desk.q.ahead', { n: ticket.waitingAhead })}</p>
          <div className="kiosk-buttons">
            <Button size="large" onClick={() => window.print()}>
              {t('desk.q.print')}
            </Button>
            <Button size="large" type="primary" onClick={() => setTicket(null)}>
              {t('desk.q.done')}
            </Button>
          </div>
        </section>
      ) : board.data ? (
        board.data.groups.length ? (
          <ul className="kiosk-groups">
            {board.data.groups.map((g) => (
              <li key={g.code}>
                <Button type="primary" size="large" block loading={busy === g.code} onClick={() => void take(g.code)}>
                  <span className="kiosk-group-code">{g.code}</span> {localized(g.name, g.nameEn)}
                  <span className="kiosk-group-waiting">{t('desk.q.waiting', { n: g.waiting })}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <Alert type="info" showIcon message={t('desk.q.notConfigured')} />
        )
      ) : null}
    </KioskShell>
  );
}
