import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api, enc } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { KioskShell } from './KioskShell.tsx';
import type { QueueBoard } from './types.ts';

/** How often the screen asks for the board: a called number shows within this time. */
const POLL_MS = 3000;

/** The queue display screen above the counters: who is called to which counter, in large type. */
export default function QueueDisplayPage() {
  const { agency = '' } = useParams();
  const { t, localized } = useI18n();
  useDocumentTitle(t('desk.q.displayTitle'));
  const [tick, setTick] = useState(0);
  const board = useLoad((signal) => api.get<QueueBoard>(`/api/v1/queue/${enc(agency)}`, undefined, { signal, quiet: true }), [agency, tick]);
  const last = useRef<string | null>(null);
  const [announce, setAnnounce] = useState('');
  useEffect(() => {
    const id = window.setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => window.clearInterval(id);
  }, []);
  const latest = board.data?.recent[0];
  useEffect(() => {
    if (latest && latest.id !== last.current) {
      if (last.current !== null) setAnnounce(t('desk.q.calledTo', { label: latest.label, counter: latest.counterCode ?? '' }));
      last.current = latest.id;
    }
  }, [latest, t]);
  const data = board.data;
  return (
    <KioskShell wide>
      <h1>{t('desk.q.displayTitle')}</h1>
      {data ? <p className="kiosk-lead">{data.agency.name}</p> : null}
      <p className="sr-only" aria-live="assertive">
        {announce}
      </p>
      {!data && board.loading ? <Loading /> : null}
      {!data && board.error ? <LoadError error={board.error} /> : null}
      {data ? (
        <div className="display-grid">
          <table className="display-table">
            <caption>{t('desk.q.counters')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desk.q.counter')}</th>
                <th scope="col">{t('desk.q.serving')}</th>
              </tr>
            </thead>
            <tbody>
              {data.counters.map((c) => (
                <tr key={c.code} className={c.current && c.current.id === latest?.id ? 'display-new' : undefined}>
                  <th scope="row">{c.name}</th>
                  <td className="display-number">{c.current?.label ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-labelledby="waiting-h">
            <h2 id="waiting-h">{t('desk.q.waitingTitle')}</h2>
            <ul className="display-waiting">
              {data.groups.map((g) => (
                <li key={g.code}>
                  <strong>{g.code}</strong> {localized(g.name, g.nameEn)}: <span className="display-count">{g.waiting}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
    </KioskShell>
  );
}
