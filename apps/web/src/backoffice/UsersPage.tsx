import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { OFFICER_ROLES, ROLE_LABELS, type Department, type Role, type RoleAssignment } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useAgencies, useLoad } from '../hooks.ts';
import { applyProblem, clearErrors } from '../forms.ts';
import { formatDateTime } from '../format.ts';
import { LoadError } from '../components/status.tsx';
import { ToneTag } from '../components/tags.tsx';
import { useAuth } from './auth.tsx';
import type { OfficerUser, Paged } from '../types.ts';

const PAGE_SIZE = 20;
type Dialog = { kind: 'create' } | { kind: 'edit'; user: OfficerUser };

export default function UsersPage() {
  const { t, lang, pick } = useI18n();
  useDocumentTitle(t('bo.menu.users'));
  const { message, modal } = App.useApp();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const agency = params.get('agency') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [version, setVersion] = useState(0);
  const agencies = useAgencies();
  const list = useLoad((signal) => api.get<Paged<OfficerUser>>('/api/v1/users', { q, agency, page, pageSize: PAGE_SIZE }, { signal }), [q, agency, page, version]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.code, a.name])), [agencies.data]);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set('q', text.trim());
  };

  const resetPassword = (u: OfficerUser) => {
    modal.confirm({
      title: t('users.resetTitle', { name: u.fullName }),
      content: t('users.resetText'),
      okText: t('users.reset'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await api.post<{ temporaryPassword: string }>(`/api/v1/users/${u.id}/reset-password`, {});
          setSecret({ username: u.username, password: r.temporaryPassword });
          setVersion((v) => v + 1);
        } catch (e) {
          applyProblem(null, e, { t, lang, message });
        }
      },
    });
  };

  const columns: TableColumnsType<OfficerUser> = [
    {
      title: t('users.account'),
      dataIndex: 'username',
      width: 200,
      render: (_, u) => (
        <>
          <div className="strong">{u.fullName}</div>
          <div className="code small">{u.username}</div>
        </>
      ),
    },
    {
      title: t('users.contact'),
      render: (_, u) => (
        <>
          {u.email ? <div>{u.email}</div> : null}
          {u.phone ? <div>{u.phone}</div> : null}
          {u.idNumber ? <div className="small">{t('users.idNumber')}: {u.idNumber}</div> : null}
        </>
      ),
      responsive: ['md'],
    },
    {
      title: t('users.roles'),
      width: 320,
      render: (_, u) => (
        <ul className="plain-list">
          {u.roles.map((r, i) => (
            <li key={i}>
              {pick(ROLE_LABELS[r.role])} — {agencyName.get(r.agencyCode) ?? r.agencyCode}
              {r.departmentCode ? ` / ${r.departmentCode}` : ''}
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: t('users.status'),
      render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? <ToneTag tone="grey">{t('users.disabled')}</ToneTag> : <ToneTag tone="green">{t('users.enabled')}</ToneTag>}
          {u.locked ? <ToneTag tone="red">{t('users.locked')}</ToneTag> : null}
          {u.mustChangePassword ? <ToneTag tone="amber">{t('users.mustChange')}</ToneTag> : null}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatDateTime(v, lang) : t('users.never')), responsive: ['lg'] },
    {
      title: t('common.actions'),
      render: (_, u) => (
        <Space size="small" wrap>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setDialog({ kind: 'edit', user: u })} aria-label={t('users.editNamed', { name: u.fullName })}>
            {t('common.edit')}
          </Button>
          <Button size="small" icon={<KeyOutlined aria-hidden />} onClick={() => resetPassword(u)} disabled={u.id === me?.id} aria-label={t('users.resetNamed', { name: u.fullName })}>
            {t('users.reset')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="bo-page">
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
          {t('users.create')}
        </Button>
      </div>
      <form className="toolbar" role="search" onSubmit={submit} aria-label={t('common.search')}>
        <div className="toolbar-item grow">
          <label htmlFor="u-q">{t('users.search')}</label>
          <div className="search-row">
            <Input id="u-q" value={text} onChange={(e) => setText(e.target.value)} allowClear autoComplete="off" />
            <Button htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
          </div>
        </div>
        <div className="toolbar-item">
          <label htmlFor="u-agency">{t('users.agency')}</label>
          <Select id="u-agency" value={agency || undefined} allowClear showSearch optionFilterProp="label" placeholder={t('catalogue.allAgencies')} onChange={(v?: string) => set('agency', v ?? '')} options={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))} style={{ minWidth: 260, maxWidth: '100%' }} />
        </div>
      </form>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table<OfficerUser>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', p > 1 ? String(p) : '') }}
      />
      {dialog ? (
        <UserDialog
          dialog={dialog}
          onClose={() => setDialog(null)}
          onDone={(created) => {
            setDialog(null);
            setVersion((v) => v + 1);
            if (created) setSecret(created);
          }}
        />
      ) : null}
      <Modal open={!!secret} title={t('users.tempPasswordTitle')} onOk={() => setSecret(null)} onCancel={() => setSecret(null)} okText={t('users.tempPasswordDone')} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
        {secret ? (
          <>
            <Alert type="warning" showIcon className="page-alert" message={t('users.tempPasswordOnce')} />
            <p>
              {t('login.username')}: <strong className="code">{secret.username}</strong>
            </p>
            <p>
              {t('users.tempPassword')}:{' '}
              <Typography.Text code copyable={{ text: secret.password, tooltips: [t('common.copy'), t('common.copied')] }} className="secret" data-testid="temporary-password">
                {secret.password}
              </Typography.Text>
            </p>
          </>
        ) : null}
      </Modal>
    </div>
  );
}

interface RoleRow {
  role?: Role;
  agencyCode?: string;
  departmentCode?: string | null;
}

function DepartmentSelect({ agencyCode, value, onChange, id, ariaLabel }: { agencyCode?: string | undefined; value?: string | null; onChange?: (v: string | null) => void; id?: string; ariaLabel: string }) {
  const { t, localized } = useI18n();
  const deps = useLoad(
    (signal) => (agencyCode ? api.get<{ items: Department[] }>(`/api/v1/agencies/${encodeURIComponent(agencyCode)}/departments`, undefined, { signal, quiet: true }).then((r) => r.items) : Promise.resolve([] as Department[])),
    [agencyCode],
  );
  return (
    <Select
      {...(id ? { id } : {})}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      allowClear
      placeholder={t('users.noDepartment')}
      loading={deps.loading}
      options={(deps.data ?? []).filter((d) => d.active).map((d) => ({ value: d.code, label: localized(d.name, d.nameEn) }))}
    />
  );
}

function UserDialog({ dialog, onClose, onDone }: { dialog: Dialog; onClose: () => void; onDone: (created?: { username: string; password: string }) => void }) {
  const { t, lang, pick, localized } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const agencies = useAgencies();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const req = [{ required: true, message: t('common.required') }];
  const editing = dialog.kind === 'edit' ? dialog.user : null;
  const grantable = OFFICER_ROLES.filter((r) => r !== 'system_admin' || hasRole('system_admin'));
  const initial = editing
    ? { fullName: editing.fullName, email: editing.email ?? '', disabled: editing.disabled, roles: editing.roles.map((r) => ({ ...r, departmentCode: r.departmentCode ?? null })) }
    : { roles: [{ role: 'specialist' }] };

  const submit = async () => {
    let v: Record<string, unknown>;
    clearErrors(form);
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const roles = ((v.roles as RoleRow[] | undefined) ?? []).map((r) => ({ role: r.role, agencyCode: r.agencyCode, ...(r.departmentCode ? { departmentCode: r.departmentCode } : {}) })) as RoleAssignment[];
    setBusy(true);
    try {
      if (editing) {
        const body: Record<string, unknown> = { fullName: String(v.fullName ?? '').trim(), email: String(v.email ?? '').trim() || null, disabled: !!v.disabled, roles };
        const phone = String(v.phone ?? '').trim();
        if (phone) body.phone = phone;
        await api.patch(`/api/v1/users/${editing.id}`, body);
        void message.success(t('common.saved'));
        onDone();
      } else {
        const body: Record<string, unknown> = { username: String(v.username ?? '').trim(), fullName: String(v.fullName ?? '').trim(), roles };
        for (const k of ['email', 'phone', 'idNumber', 'initialPassword']) {
          const s = String(v[k] ?? '').trim();
          if (s) body[k] = s;
        }
        const r = await api.post<{ user: OfficerUser; temporaryPassword?: string }>('/api/v1/users', body);
        void message.success(t('users.created', { username: r.user.username }));
        onDone(r.temporaryPassword ? { username: r.user.username, password: r.temporaryPassword } : undefined);
      }
    } catch (e) {
      applyProblem(form, e, { t, lang, message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={editing ? t('users.editNamed', { name: editing.fullName }) : t('users.create')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} disabled={busy}>
        <Row gutter={12}>
          {editing ? null : (
            <Col xs={24} sm={12}>
              <Form.Item name="username" label={t('login.username')} rules={[...req, { pattern: /^[a-zA-Z0-9._-]{3,60}$/, message: t('users.usernamePattern') }]}>
                <Input autoComplete="off" spellCheck={false} autoCapitalize="none" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={editing ? 24 : 12}>
            <Form.Item name="fullName" label={t('users.fullName')} rules={req}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('agency.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('agency.phone')} rules={[{ pattern: /^0\d{9}$/, message: t('users.phonePattern') }]} extra={editing?.phone ? t('users.phoneKeep', { masked: editing.phone }) : undefined}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          {editing ? null : (
            <>
              <Col xs={24} sm={12}>
                <Form.Item name="idNumber" label={t('users.idNumber')} rules={[{ pattern: /^\d{12}$/, message: t('users.idPattern') }]}>
                  <Input inputMode="numeric" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="initialPassword" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')}>
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              </Col>
            </>
          )}
          {editing ? (
            <Col xs={24}>
              <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked" extra={t('users.disableHint')}>
                <Switch />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <fieldset className="roles-fieldset">
          <legend>{t('users.roles')}</legend>
          <Form.List name="roles">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row, i) => (
                  <Row gutter={8} key={row.key} align="top" className="role-row">
                    <Col xs={24} md={7}>
                      <Form.Item name={[row.name, 'role']} label={t('users.role', { n: i + 1 })} rules={req}>
                        <Select options={grantable.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={9}>
                      <Form.Item name={[row.name, 'agencyCode']} label={t('users.roleAgency', { n: i + 1 })} rules={req}>
                        <Select showSearch optionFilterProp="label" options={(agencies.data ?? []).map((a) => ({ value: a.code, label: localized(a.name, a.nameEn) }))} onChange={() => form.setFieldValue(['roles', row.name, 'departmentCode'], null)} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={6}>
                      <Form.Item noStyle shouldUpdate={(a, b) => JSON.stringify(a.roles) !== JSON.stringify(b.roles)}>
                        {() => (
                          <Form.Item name={[row.name, 'departmentCode']} label={t('users.roleDepartment', { n: i + 1 })}>
                            <DepartmentSelect agencyCode={form.getFieldValue(['roles', row.name, 'agencyCode']) as string | undefined} ariaLabel={t('users.roleDepartment', { n: i + 1 })} />
                          </Form.Item>
                        )}
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2} className="role-remove">
                      <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(row.name)} disabled={rows.length <= 1} aria-label={t('users.removeRole', { n: i + 1 })} />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ role: 'specialist' })}>
                  {t('users.addRole')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
    </Modal>
  );
}
