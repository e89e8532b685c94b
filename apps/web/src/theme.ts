import type { ThemeConfig } from 'antd';

/**
 * A government-portal palette with WCAG AA contrast: antd's default secondary text
 * (rgba(0,0,0,.45) ≈ 3.4:1 on white) is too light for content, so every text token is darkened.
 */
export const BRAND = {
  primary: '#0b4a85',
  primaryDark: '#073462',
  accent: '#c8102e',
  gold: '#ffd500',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorLink: BRAND.primary,
    colorError: '#b3121a',
    colorSuccess: '#2e7d32',
    colorWarning: '#a15c00',
    colorInfo: BRAND.primary,
    // Light tints for selected menu items and info alerts (the generated ones are greyish).
    colorPrimaryBg: '#e3eef9',
    colorPrimaryBgHover: '#d2e3f5',
    colorInfoBg: '#e7f0fa',
    colorInfoBorder: '#9dbfe3',
    colorTextSecondary: '#4d4d4d',
    colorTextTertiary: '#555555',
    colorTextDescription: '#555555',
    colorTextPlaceholder: '#6e6e6e',
    colorTextLabel: '#333333',
    borderRadius: 6,
    fontSize: 15,
    fontFamily: '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  },
  components: {
    Layout: { headerBg: BRAND.primary, bodyBg: '#f4f6f9', siderBg: '#ffffff', footerBg: '#0f2740' },
    Table: { headerColor: '#1f1f1f' },
  },
};
