import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { ONLINE_LEVEL_LABELS, type OnlineLevel, type VersionStatus } from '@motcua/domain';
import { useI18n } from '../i18n.ts';

/**
 * antd's preset tag colours put light text on tinted backgrounds (about 3.5:1); these tones keep
 * the text at 7:1 or more so the tags pass WCAG AA at 12 px.
 */
export type Tone = 'blue' | 'green' | 'amber' | 'red' | 'grey' | 'purple';
const TONES: Record<Tone, CSSProperties> = {
  blue: { color: '#0b3d6e', background: '#e7f0fa', borderColor: '#9dbfe3' },
  green: { color: '#1b5e20', background: '#e8f5e9', borderColor: '#9ccc9f' },
  amber: { color: '#6b3f00', background: '#fff4d6', borderColor: '#e8c36a' },
  red: { color: '#8a1014', background: '#fdecec', borderColor: '#eba3a5' },
  grey: { color: '#333333', background: '#f0f0f0', borderColor: '#c9c9c9' },
  purple: { color: '#4a2370', background: '#f3ebfa', borderColor: '#c7a9e3' },
};

export function ToneTag({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <Tag style={TONES[tone]} bordered title={title}>
      {children}
    </Tag>
  );
}

export function DemoCodeTag({ official }: { official: boolean }) {
  const { t } = useI18n();
  if (official) return null;
  return (
    <ToneTag tone="amber" title={t('catalogue.demoCodeHint')}>
      {t('catalogue.demoCode')}
    </ToneTag>
  );
}

const ONLINE_TONE: Record<OnlineLevel, Tone> = { full: 'green', partial: 'blue', none: 'grey' };
export function OnlineLevelTag({ level }: { level: OnlineLevel }) {
  const { pick } = useI18n();
  return <ToneTag tone={ONLINE_TONE[level]}>{pick(ONLINE_LEVEL_LABELS[level])}</ToneTag>;
}

const STATUS_TONE: Record<VersionStatus, Tone> = { draft: 'amber', published: 'green', retired: 'grey' };
export function VersionStatusTag({ status }: { status: VersionStatus }) {
  const { t } = useI18n();
  return <ToneTag tone={STATUS_TONE[status]}>{t(`version.status.${status}`)}</ToneTag>;
}
