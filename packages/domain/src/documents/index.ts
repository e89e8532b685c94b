/** Official documents (slips, register) of the one-stop system: forms, field mapping, templates. See ARCHITECTURE.md. */
export * from './forms.ts';
export * from './slips.ts';
export * from './template.ts';
