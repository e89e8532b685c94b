import type { ReactNode } from 'react';
import { Card, Table, Tag } from 'antd';
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
  const time = (m: number | null) => (m === null ? t('desk.clk.none') : workingTimeText(m, t));
  const table = (rows: HolderClockView[], first: 'step' | 'agency', testId: string) => (
    <Table<HolderClockView>
      size="small"
      data-testid={testId}
      rowKey={(r) => r.taskId ?? r.id}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        {
          title: t(first === 'step' ? 'desk.clk.step' : 'desk.clk.agency'),
          key: 'name',
          render: (_: unknown, r) => (
            <>
              {r.name}
              {r.holding ? <span className="muted"> ({t('desk.clk.holding')})</span> : null}
            </>
          ),
        },
        { title: t('desk.clk.budget'), key: 'budget', render: (_: unknown, r) => time(r.budgetMinutes) },
        { title: t('desk.clk.used'), key: 'used', render: (_: unknown, r) => workingTimeText(r.usedMinutes, t) },
        {
          title: t('desk.clk.remaining'),
          key: 'left',
          render: (_: unknown, r) =>
            r.remainingMinutes === null ? '—' : r.remainingMinutes < 0 ? <span className="warn-overdue-text">{t('desk.clk.over', { time: workingTimeText(r.remainingMinutes, t) })}</span> : workingTimeText(r.remainingMinutes, t),
        },
        {
          title: t('desk.clk.status'),
          key: 'status',
          render: (_: unknown, r) => (
            <>
              <Tag className={`warn-tag ${LOOK[r.status].cls}`} icon={LOOK[r.status].icon}>
                {t(`desk.clk.st.${r.status}` as MessageKey)}
              </Tag>
              {r.holding && r.dueAt ? <span className="muted">{t('desk.clk.dueAt', { at: formatDateTime(r.dueAt, lang) })}</span> : null}
            </>
          ),
        },
      ]}
    />
  );
  if (!clocks.steps.length && !clocks.agencies.length) return null;
  return (
    <Card title={<h2 className="card-h">{t('desk.clk.title')}</h2>} size="small" className="ws-card" data-testid="clocks">
      <p className="muted">{t('desk.clk.lead')}</p>
      {clocks.steps.length ? (
        <section aria-labelledby="clk-steps">
          <h3 id="clk-steps">{t('desk.clk.steps')}</h3>
          {table(clocks.steps, 'step', 'step-clocks')}
        </section>
      ) : null}
      {clocks.agencies.length ? (
        <section aria-labelledby="clk-agencies">
          <h3 id="clk-agencies">{t('desk.clk.agencies')}</h3>
          {table(clocks.agencies, 'agency', 'agency-clocks')}
        </section>
      ) : null}
    </Card>
  );
}
