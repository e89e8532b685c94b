import type { ReactNode } from 'react';
import { Card, Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { DossierClocks, HolderClockStatus, HolderClockView } from '@motcua/domain/dossier/clocks.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n, type MessageKey } from '../../i18n.ts';
import { workingTimeText } from './common.tsx';

const LOOK: Record<HolderClockStatus, { cls: string; icon: ReactNode }> = {
  'not-due': { cls: 'warn-ok', icon: <ClockCircleOutlined aria-hidden /> },
  due: { cls: 'warn-soon', icon: <WarningOutlined aria-hidden /> },
  overdue: { cls: 'warn-overdue', icon: <ExclamationCircleOutlined aria-hidden /> },
  'on-time': { cls: 'warn-ok', icon: <CheckCircleOutlined aria-hidden /> },
  late: { cls: 'warn-overdue', icon: <ExclamationCircleOutlined aria-hidden /> },
  'no-budget': { cls: '', icon: <MinusCircleOutlined aria-hidden /> },
};

/**
 * Per-step and per-agency clocks [003 Art. 20–21], as the server computed them: the budget, the
 * working time used and left, and a written status label with an icon (never colour alone).
 */
export function ClocksCard({ clocks }: { clocks: DossierClocks }) {
  const { t, lang } = useI18n();
  // A list rather than a table: it wraps in the workspace's side column and at 375 px, so the
  // written status never scrolls out of view.
  const list = (rows: HolderClockView[], testId: string) => (
    <ul className="plain-list clock-list" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.taskId ?? r.id} className="clock-item">
          <div className="clock-head">
            <strong>{r.name}</strong>
            {r.holding ? <span className="muted"> ({t('desk.clk.holding')})</span> : null}{' '}
            <Tag className={`warn-tag ${LOOK[r.status].cls}`} icon={LOOK[r.status].icon}>
              {t(`desk.clk.st.${r.status}` as MessageKey)}
            </Tag>
          </div>
          <div>
            {r.budgetMinutes === null ? t('desk.clk.usedOnly', { used: workingTimeText(r.usedMinutes, t) }) : t('desk.clk.usedOf', { used: workingTimeText(r.usedMinutes, t), budget: workingTimeText(r.budgetMinutes, t) })}
            {r.remainingMinutes === null ? null : r.remainingMinutes < 0 ? (
              <span className="warn-overdue-text"> · {t('desk.clk.over', { time: workingTimeText(r.remainingMinutes, t) })}</span>
            ) : (
              <span> · {t('desk.clk.left', { time: workingTimeText(r.remainingMinutes, t) })}</span>
            )}
            {r.holding && r.dueAt ? <span className="muted"> · {t('desk.clk.dueAt', { at: formatDateTime(r.dueAt, lang) })}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
  if (!clocks.steps.length && !clocks.agencies.length) return null;
  return (
    <Card title={<h2 className="card-h">{t('desk.clk.title')}</h2>} size="small" className="ws-card" data-testid="clocks">
      <p className="muted">{t('desk.clk.lead')}</p>
      {clocks.steps.length ? (
        <section aria-labelledby="clk-steps">
          <h3 id="clk-steps">{t('desk.clk.steps')}</h3>
          {list(clocks.steps, 'step-clocks')}
        </section>
      ) : null}
      {clocks.agencies.length ? (
        <section aria-labelledby="clk-agencies">
          <h3 id="clk-agencies">{t('desk.clk.agencies')}</h3>
          {list(clocks.agencies, 'agency-clocks')}
        </section>
      ) : null}
    </Card>
  );
}
