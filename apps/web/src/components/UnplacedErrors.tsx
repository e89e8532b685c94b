import { Alert } from 'antd';
import type { FieldError } from '@motcua/domain';
import { fieldMessage } from '../forms.ts';
import { useI18n } from '../i18n.ts';

/**
 * Server errors that `applyProblem` could not put next to a field of the form (it returns them):
 * listed together in one alert, so no refusal is ever silent.
 */
export function UnplacedErrors({ errors, className }: { errors: FieldError[]; className?: string }) {
  const { t, lang } = useI18n();
  if (!errors.length) return null;
  return (
    <Alert
      {...(className ? { className } : {})}
      type="error"
      showIcon
      role="alert"
      message={t('cal.otherErrors')}
      description={
        <ul className="plain-list">
          {errors.map((e, i) => (
            <li key={i}>{fieldMessage(e, lang)}</li>
          ))}
        </ul>
      }
    />
  );
}
