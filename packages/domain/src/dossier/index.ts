/** The dossier (hồ sơ): its code, electronic processes, lifecycle and status codes. See ARCHITECTURE.md. */
export * from './code.ts';
export * from './process.ts';
export * from './lifecycle.ts';
export * from './status.ts';
export * from './submission.ts';
export * from './clocks.ts';
