import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';

/** One button naming the other language in that language ("English" / "Tiếng Việt"). */
export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <Button
      className={className}
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => setLang(other)}
      lang={other}
      title={t('lang.switchHint')}
      data-testid="language-switch"
    >
      {other === 'en' ? 'English' : 'Tiếng Việt'}
    </Button>
  );
}
