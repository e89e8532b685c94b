import { App, Button, Form } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { FieldError } from '@motcua/domain';
import { api } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { applyProblem } from '../forms.ts';
import { ProcedureEditor, EMPTY_CONTENT, toFormValues, useContentBuilder, type EditorValues } from './ProcedureEditor.tsx';
import { useAuth } from './auth.tsx';
import { PROCEDURES, procedurePath } from './paths.ts';
import type { AdminProcedure } from '../types.ts';

export default function ProcedureCreatePage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('admin.addProcedure'));
  const { message } = App.useApp();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const build = useContentBuilder(form);
  const [busy, setBusy] = useState(false);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const adminAgency = me?.roles.find((r) => r.role === 'agency_admin' || r.role === 'system_admin')?.agencyCode;
  const [initial] = useState(() => toFormValues(EMPTY_CONTENT(adminAgency), 'DEMO-'));

  const create = async () => {
    const built = await build();
    if (!built) return;
    setBusy(true);
    try {
      const r = await api.post<AdminProcedure>('/api/v1/admin/procedures', { code: built.code, content: built.content });
      void message.success(t('admin.created', { code: r.code }));
      void navigate(procedurePath(r.code));
    } catch (e) {
      setUnmatched(applyProblem(form, e, { t, lang, message, rename: (f) => f.replace(/^content\./, '') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bo-page">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={PROCEDURES}>{t('bo.menu.procedures')}</Link>
          </li>
          <li aria-current="page">{t('admin.addProcedure')}</li>
        </ol>
      </nav>
      <h1>{t('admin.addProcedure')}</h1>
      <p>{t('admin.createHint')}</p>
      <ProcedureEditor
        form={form}
        initialValues={initial}
        withCode
        level={2}
        unmatched={unmatched}
        disabled={busy}
        actions={
          <>
            <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => void create()} loading={busy}>
              {t('admin.createDraft')}
            </Button>
            <Button onClick={() => void navigate(PROCEDURES)}>{t('common.cancel')}</Button>
          </>
        }
      />
    </div>
  );
}
