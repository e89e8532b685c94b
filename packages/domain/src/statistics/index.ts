/** Statistics (SPEC §8, §15; 002 Art. 14, 17): facts per dossier, one bucket per period, figures that add up. */
export * from './facts.ts';
export * from './figures.ts';
export * from './schemas.ts';
export * from './periodic.ts';
export * from './spans.ts';
