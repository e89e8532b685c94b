import { Alert, Button, Select, Space, Tabs } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad, useNarrow } from '../hooks.ts';
import { todayVn } from '../format.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { useAuth } from './auth.tsx';
import { CalendarLegend, SpecialDays, YearGrid } from './CalendarYear.tsx';
import { DayDialog } from './CalendarDayDialog.tsx';
import { ImportCard, OfficialYearCard } from './CalendarOfficial.tsx';
import { CalendarSettingsPanel } from './CalendarSettings.tsx';
import { DeadlineCalculator } from './DeadlineCalculator.tsx';
import type { CalendarDay, CalendarSettingsView } from '../types.ts';

const TABS = ['nam', 'cau-hinh', 'tinh-han'] as const;
type Tab = (typeof TABS)[number];

/**
 * Lịch làm việc: the year view (every day's kind, with its sources), the hours and deadline
 * policy, and a deadline calculator. Every officer reads it; only the system administrator
 * changes it (the server checks too). Tab and year live in the URL (?tab=…&nam=2026).
 */
export default function CalendarPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('cal.title'));
  const { hasRole } = useAuth();
  const canEdit = hasRole('system_admin');
  const [params, setParams] = useSearchParams();
  const today = todayVn();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'nam';
  const [version, setVersion] = useState(0);
  const view = useLoad((signal) => api.get<CalendarSettingsView>('/api/v1/calendar/settings', undefined, { signal }), [version]);
  const range = view.data?.range;
  const asked = Number(params.get('nam'));
  const thisYear = Number(today.slice(0, 4));
  const year = Number.isInteger(asked) && asked > 0 && (!range || (asked >= range.fromYear && asked <= range.toYear)) ? asked : thisYear;
  const days = useLoad(
    (signal) => api.get<{ days: CalendarDay[] }>('/api/v1/calendar/days', { from: `${year}-01-01`, to: `${year}-12-31` }, { signal }).then((r) => r.days),
    [year, version],
  );
  const [open, setOpenState] = useState<string | null>(null);
  // The dialog unmounts at once when closed, so focus goes back by hand to what opened it (the
  // day's cell, or its row in the table), else to the day's cell.
  const opener = useRef<HTMLElement | null>(null);
  const setOpen = (date: string | null) => {
    if (date) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpenState(date);
      return;
    }
    const back = open;
    setOpenState(null);
    setTimeout(() => {
      const el = opener.current?.isConnected ? opener.current : back ? document.querySelector<HTMLElement>(`.cal-year [data-date="${back}"]`) : null;
      el?.focus();
    }, 0);
  };
  const changed = () => setVersion((v) => v + 1);
  // Three long tab names do not fit a phone: antd would scroll the first one out of view.
  const narrow = useNarrow(576);

  const set = (next: { tab?: Tab; year?: number }) => {
    const p = new URLSearchParams(params);
    if (next.tab) {
      if (next.tab === 'nam') p.delete('tab');
      else p.set('tab', next.tab);
    }
    if (next.year !== undefined) p.set('nam', String(next.year));
    setParams(p, { replace: !!next.year });
  };

  const yearDays = days.data && days.data[0]?.date.startsWith(`${year}-`) ? days.data : null;
  const openDay = open ? yearDays?.find((d) => d.date === open) : undefined;
  const years = range ? Array.from({ length: range.toYear - range.fromYear + 1 }, (_, i) => range.fromYear + i) : [year];

  const stats = yearDays
    ? {
        working: yearDays.filter((d) => d.kind === 'working' || d.kind === 'makeup').length,
        makeup: yearDays.filter((d) => d.kind === 'makeup').length,
        holidays: yearDays.filter((d) => d.kind === 'holiday').length,
      }
    : null;

  const yearPanel = (
    <>
      <div className="cal-toolbar">
        <Space wrap>
          <Button icon={<LeftOutlined aria-hidden />} onClick={() => set({ year: year - 1 })} disabled={!range || year <= range.fromYear}>
            {t('cal.prevYear')}
          </Button>
          <span className="cal-year-select">
            <label htmlFor="cal-year">{t('cal.year')}</label>
            <Select
              id="cal-year"
              value={year}
              onChange={(y: number) => set({ year: y })}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 110 }}
            />
          </span>
          <Button onClick={() => set({ year: year + 1 })} disabled={!range || year >= range.toYear}>
            {t('cal.nextYear')} <RightOutlined aria-hidden />
          </Button>
        </Space>
      </div>
      <h2 className="cal-year-title">{t('cal.yearTitle', { year })}</h2>
      {stats ? <p>{t(stats.makeup ? 'cal.yearSummary' : 'cal.yearSummaryNoMakeup', { year, ...stats })}</p> : null}
      <CalendarLegend />
      <p className="form-note" id="cal-keys">
        {t('cal.keyboardHint')}
      </p>
      {days.error ? <LoadError error={days.error} onRetry={days.reload} /> : null}
      {!yearDays && !days.error ? <Loading /> : null}
      {yearDays ? (
        <>
          <YearGrid key={`${year}-${lang}`} year={year} days={yearDays} today={today} onOpen={setOpen} />
          <SpecialDays year={year} days={yearDays} onOpen={setOpen} />
        </>
      ) : null}
      {view.data ? <OfficialYearCard year={year} view={view.data} canEdit={canEdit} onYear={(y) => set({ year: y })} onChanged={changed} /> : null}
      {canEdit && view.data ? (
        <ImportCard
          onImported={(y) => {
            changed();
            set({ year: y });
          }}
        />
      ) : null}
    </>
  );

  return (
    <div className="bo-page calendar-page">
      <div className="page-head">
        <h1>{t('cal.title')}</h1>
      </div>
      <p className="page-lead">{t('cal.lead')}</p>
      {!canEdit ? <Alert className="page-alert" type="info" showIcon message={t('cal.readOnly')} /> : null}
      {view.error ? <LoadError error={view.error} onRetry={view.reload} /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k as Tab })}
        items={[
          { key: 'nam', label: t('cal.tab.year'), children: yearPanel },
          {
            key: 'cau-hinh',
            label: t(narrow ? 'cal.tab.settingsShort' : 'cal.tab.settings'),
            children: view.data ? <CalendarSettingsPanel key={view.data.revision} settings={view.data.settings} canEdit={canEdit} onSaved={changed} /> : view.error ? null : <Loading />,
          },
          { key: 'tinh-han', label: t(narrow ? 'cal.tab.deadlineShort' : 'cal.tab.deadline'), children: <DeadlineCalculator /> },
        ]}
      />
      {openDay && view.data ? (
        <DayDialog
          key={`${openDay.date}-${view.data.revision}`}
          day={openDay}
          override={view.data.overrides.find((o) => o.date === openDay.date)}
          official={view.data.officialYears.find((y) => y.year === year)?.data}
          makeupSessions={view.data.settings.makeupSessions}
          canEdit={canEdit}
          onClose={() => setOpen(null)}
          onChanged={() => {
            setOpen(null);
            changed();
          }}
        />
      ) : null}
    </div>
  );
}
