import { Type, type Static } from 'typebox';
import { RoleAssignment } from '@motcua/domain';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    fullName: Type.String(),
    kind: Type.String(),
    mustChangePassword: Type.Boolean(),
    roles: Type.Array(RoleAssignment),
    csrfToken: Type.String({ description: 'Send back as the x-csrf-token header on every write' }),
  },
  { $id: 'Me' },
);
export type Me = Static<typeof Me>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
