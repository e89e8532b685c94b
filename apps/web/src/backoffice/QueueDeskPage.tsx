import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Table, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined, SoundOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { FieldError } from '@motcua/domain';
import { api, enc } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { applyProblem, clearErrors, problemText } from '../forms.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { LoadError } from '../components/status.tsx';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import { useAuth } from './auth.tsx';
import type { QueueBoard, QueueTicket } from '../kiosk/types.ts';

const COUNTER_KEY = 'motcua.desk.counter';

interface ConfigValues {
  groups: { code: string; name: string; nameEn?: string }[];
  counters: { code: string; name: string; groupCodes: string[] }[];
}

/**
 * Desk control of the queue (điều khiển xếp hàng): the reception officer calls the next number to
 * their counter; the agency administrator sets the service groups and counters.
 */
export default function QueueDeskPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('desk.q.deskTitle'));
  const { me, hasRole } = useAuth();
  const [msg, ctx] = message.useMessage();
  const agencies = useMemo(() => [...new Set((me?.roles ?? []).filter((r) => ['reception', 'agency_admin', 'system_admin'].includes(r.role)).map((r) => r.agencyCode))], [me]);
  const [agency, setAgency] = useState<string | undefined>(agencies[0]);
  const [counter, setCounter] = useState<string | undefined>(() => localStorage.getItem(COUNTER_KEY) ?? undefined);
  const board = useLoad((signal) => (agency ? api.get<QueueBoard>(`/api/v1/queue/${enc(agency)}`, undefined, { signal }) : Promise.resolve(null)), [agency]);
  const [called, setCalled] = useState<QueueTicket | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ConfigValues>();
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const isAdmin = hasRole('agency_admin', 'system_admin');
  const isDesk = hasRole('reception');

  const callNext = async () => {
    if (!agency || !counter) return;
    setBusy(true);
    try {
      const r = await api.post<{ ticket: QueueTicket | null }>(`/api/v1/queue/${enc(agency)}/call-next`, { counterCode: counter });
      setCalled(r.ticket);
      board.reload();
    } catch (e) {
      void msg.error(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const saveConfig = async (v: ConfigValues) => {
    clearErrors(form);
    setUnplaced([]);
    try {
      await api.put(`/api/v1/queue/${enc(agency!)}/config`, { groups: v.groups.map((g) => ({ code: g.code, name: g.name, ...(g.nameEn ? { nameEn: g.nameEn } : {}) })), counters: v.counters });
      void msg.success(t('common.saved'));
      board.reload();
    } catch (e) {
      setUnplaced(applyProblem(form, e, { t, lang, message: msg }));
    }
  };

  const data = board.data;
  const myCounter = data?.counters.find((c) => c.code === counter);
  return (
    <div className="bo-page desk-page">
      {ctx}
      <h1>{t('desk.q.deskTitle')}</h1>
      <Form layout="inline" className="desk-filters">
        <Form.Item label={t('desk.rc.agency')} htmlFor="q-agency">
          <Select id="q-agency" className="w-220" value={agency} onChange={setAgency} options={agencies.map((a) => ({ value: a, label: a }))} />
        </Form.Item>
        {data?.counters.length ? (
          <Form.Item label={t('desk.q.counter')} htmlFor="q-counter">
            <Select
              id="q-counter"
              className="w-180"
              value={counter}
              onChange={(v) => {
                setCounter(v);
                localStorage.setItem(COUNTER_KEY, v);
              }}
              options={data.counters.map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
        ) : null}
      </Form>
      {board.error ? <LoadError error={board.error} onRetry={board.reload} /> : null}
      {agency ? (
        <p>
          <Link to={`/xep-hang/${enc(agency)}`}>{t('desk.q.kioskLink')}</Link> · <Link to={`/xep-hang/${enc(agency)}/man-hinh`}>{t('desk.q.displayLink')}</Link> · <Link to="/kiosk/tra-cuu">{t('desk.q.lookupKiosk')}</Link>
        </p>
      ) : null}
      <Row gutter={[16, 16]}>
        {isDesk ? (
          <Col xs={24} lg={12}>
            <Card size="small" title={<h2 className="card-h">{t('desk.q.call')}</h2>}>
              <Button type="primary" size="large" icon={<SoundOutlined aria-hidden />} disabled={!myCounter} loading={busy} onClick={() => void callNext()}>
                {t('desk.q.callNext')}
              </Button>
              <div aria-live="polite" className="queue-called">
                {called === null ? <Alert type="info" showIcon message={t('desk.q.nobody')} /> : null}
                {called ? <p className="queue-called-number" data-testid="called">{t('desk.q.calledTo', { label: called.label, counter: myCounter?.name ?? called.counterCode ?? '' })}</p> : null}
              </div>
            </Card>
          </Col>
        ) : null}
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 className="card-h">{t('desk.q.waitingTitle')}</h2>}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={data?.groups ?? []}
              locale={{ emptyText: t('desk.q.notConfigured') }}
              columns={[
                { title: t('desk.q.group'), dataIndex: 'code', render: (v: string, r) => `${v} — ${r.name}` },
                { title: t('desk.q.waitingCol'), dataIndex: 'waiting' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {isAdmin && data ? (
        <Card size="small" className="ws-card" title={<h2 className="card-h">{t('desk.q.config')}</h2>}>
          <Form<ConfigValues>
            form={form}
            layout="vertical"
            key={agency}
            initialValues={{ groups: data.groups.length ? data.groups.map((g) => ({ code: g.code, name: g.name, nameEn: g.nameEn ?? '' })) : [{ code: 'A', name: '' }], counters: data.counters.length ? data.counters.map((c) => ({ code: c.code, name: c.name, groupCodes: c.groupCodes })) : [{ code: '1', name: '', groupCodes: ['A'] }] }}
            onFinish={(v) => void saveConfig(v)}
          >
            <h3>{t('desk.q.groups')}</h3>
            <Form.List name="groups">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="start">
                      <Form.Item name={[f.name, 'code']} label={t('desk.q.groupCode')} rules={[{ required: true, pattern: /^[A-Z]{1,2}$/, message: t('desk.q.groupCodeRule') }]}>
                        <Input className="w-80" maxLength={2} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} label={t('desk.q.groupName')} rules={[{ required: true, message: t('common.required') }]}>
                        <Input className="w-220" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'nameEn']} label={t('desk.q.groupNameEn')}>
                        <Input className="w-220" />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined aria-hidden />} aria-label={t('desk.q.removeGroup')} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ code: '', name: '' })}>
                    {t('desk.q.addGroup')}
                  </Button>
                </>
              )}
            </Form.List>
            <h3>{t('desk.q.counters')}</h3>
            <Form.List name="counters">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="start">
                      <Form.Item name={[f.name, 'code']} label={t('desk.q.counterCode')} rules={[{ required: true, message: t('common.required') }]}>
                        <Input className="w-80" maxLength={4} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} label={t('desk.q.counterName')} rules={[{ required: true, message: t('common.required') }]}>
                        <Input className="w-180" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'groupCodes']} label={t('desk.q.serves')} rules={[{ required: true, message: t('common.required') }]}>
                        <Select mode="tags" className="w-220" />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined aria-hidden />} aria-label={t('desk.q.removeCounter')} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ code: '', name: '', groupCodes: [] })}>
                    {t('desk.q.addCounter')}
                  </Button>
                </>
              )}
            </Form.List>
            <UnplacedErrors errors={unplaced} className="page-alert" />
            <Button type="primary" htmlType="submit" className="mt-8">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
