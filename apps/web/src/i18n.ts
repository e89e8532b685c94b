import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { vi, en, type MessageKey } from './messages.ts';

/**
 * Vietnamese first, English second. Every visible string goes through `t()`; the choice persists
 * in localStorage and sets `<html lang>` so that screen readers pronounce the page correctly.
 */
export type Lang = 'vi' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'motcua.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key] ?? vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    /* storage blocked: fall back to Vietnamese */
  }
  return 'vi';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Pick the label of a `{ vi, en }` pair (the domain's label tables). */
  pick: (label: { vi: string; en: string }) => string;
  /** Pick an English variant when the interface is in English and the data has one. */
  localized: (vi: string, en?: string | null) => string;
  /**
   * `lang` for an element holding Vietnamese data (names, legal texts) inside an English page
   * (WCAG 3.1.2 language of parts); undefined when the page itself is Vietnamese.
   */
  dataLang: 'vi' | undefined;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* not persisted: the choice still applies to this page */
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      pick: (label) => label[lang],
      localized: (v, e) => (lang === 'en' && e ? e : v),
      dataLang: lang === 'vi' ? undefined : 'vi',
    }),
    [lang, setLang],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): I18n['t'] {
  return useI18n().t;
}

/** Sets the document title (WCAG 2.4.2) to "page — site". */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    const site = t('site.shortName');
    document.title = title ? `${title} — ${site}` : site;
  }, [title, t]);
}
