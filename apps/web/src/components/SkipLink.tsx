import { useI18n } from '../i18n.ts';

export function SkipLink({ target = 'main' }: { target?: string }) {
  const { t } = useI18n();
  return (
    <a className="skip-link" href={`#${target}`}>
      {t('a11y.skipToContent')}
    </a>
  );
}
