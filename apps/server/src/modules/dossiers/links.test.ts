import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dossierLinks } from './links.ts';

const PUBLIC = 'https://dichvucong.example.vn';
const ID = '0b5f3c1e-6d7a-4f6e-9a51-2f0c8e0d1a11';

test('a dossier with a code links to its public lookup page (the QR target) [SPEC §12]', () => {
  assert.equal(dossierLinks(PUBLIC, { id: ID, code: '000.00.10.H99-260302-0001', ownerUserId: 'u' }).lookupUrl, `${PUBLIC}/tra-cuu/000.00.10.H99-260302-0001`);
});

test('before it has a code, an account holder’s dossier links to their own dossier page, never to a path the portal does not route', () => {
  const l = dossierLinks(PUBLIC, { id: ID, code: null, ownerUserId: 'u' });
  assert.equal(l.lookupUrl, `${PUBLIC}/ca-nhan/ho-so/${ID}`);
  assert.equal(dossierLinks(PUBLIC, { id: ID, code: null, ownerUserId: null }).lookupUrl, null, 'no account, no code: no page to link to');
});

test('the rating link is the owner’s rating page; a dossier without an account has none', () => {
  assert.equal(dossierLinks(PUBLIC, { id: ID, code: 'X', ownerUserId: 'u' }).ratingUrl, `${PUBLIC}/ca-nhan/ho-so/${ID}/danh-gia`);
  assert.equal(dossierLinks(PUBLIC, { id: ID, code: 'X', ownerUserId: null }).ratingUrl, null);
});
