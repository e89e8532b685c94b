import { Type, type Static } from 'typebox';

/**
 * RFC 9457 problem details. Every error the API answers has this shape, with a stable `type`
 * URI that clients may switch on; validation errors name each failing field.
 */
export const FieldError = Type.Object({
  field: Type.String({ description: 'Dotted path of the failing field, e.g. "agencyCode" or "cases.0.name"' }),
  message: Type.String({ description: 'Vietnamese message for the user' }),
  messageEn: Type.Optional(Type.String()),
  keyword: Type.Optional(Type.String({ description: 'JSON Schema keyword that failed' })),
});
export type FieldError = Static<typeof FieldError>;

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldError)),
    lockedUntil: Type.Optional(Type.String({ description: 'Account locked: when sign-in is possible again (ISO 8601)' })),
  },
  { $id: 'Problem', description: 'application/problem+json (RFC 9457)' },
);
export type Problem = Static<typeof Problem>;

const BASE = 'https://motcua.gov.vn/problems/';
/** Stable problem types. The URI is an identifier, not necessarily resolvable. */
export const ProblemType = {
  validation: `${BASE}validation`,
  notFound: `${BASE}not-found`,
  unauthenticated: `${BASE}unauthenticated`,
  forbidden: `${BASE}forbidden`,
  csrf: `${BASE}csrf`,
  conflict: `${BASE}conflict`,
  tooLarge: `${BASE}payload-too-large`,
  rateLimited: `${BASE}rate-limited`,
  locked: `${BASE}account-locked`,
  passwordChangeRequired: `${BASE}password-change-required`,
  badCredentials: `${BASE}bad-credentials`,
  businessRule: `${BASE}business-rule`,
  unsupportedMediaType: `${BASE}unsupported-media-type`,
  internal: `${BASE}internal`,
  unavailable: `${BASE}unavailable`,
} as const;
export type ProblemTypeKey = keyof typeof ProblemType;
