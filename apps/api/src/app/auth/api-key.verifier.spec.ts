import { createHash } from 'node:crypto';
import { ApiKeyVerifier } from './api-key.verifier';
import { roleAllows } from './api-role';

const sha256 = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

describe('ApiKeyVerifier', () => {
  const verifier = new ApiKeyVerifier([`reader:${sha256('r-key')}`, `ADMIN:${sha256('a-key')}`, 'operator:o-key']);

  it.each([
    ['Bearer r-key', 'reader'],
    ['Bearer a-key', 'admin'],
    ['bearer o-key', 'operator'],
  ])('should give %j the role %s when the key is configured, hashed or plain', (header, role) => {
    expect(verifier.identify(header)).toMatchObject({ role });
  });

  it.each([undefined, '', 'Bearer', 'Bearer r-key2', `Bearer ${sha256('r-key')}`, 'Basic r-key', 'r-key'])(
    'should know nothing of %j when it is not a configured bearer key',
    (header) => {
      expect(verifier.identify(header)).toBeUndefined();
    },
  );

  it('should be open only when no key is configured', () => {
    expect(verifier.open).toBe(false);
    expect(new ApiKeyVerifier().open).toBe(true);
    expect(new ApiKeyVerifier([]).identify('Bearer anything')).toBeUndefined();
  });

  it('should give the same short id to the same key and never the key itself', () => {
    const id = verifier.identify('Bearer r-key')?.id;

    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(verifier.identify('Bearer r-key')?.id).toBe(id);
    expect(id).not.toContain('r-key');
  });
});

describe('roleAllows', () => {
  it('should rank reader below operator below admin', () => {
    expect([roleAllows('admin', 'operator'), roleAllows('operator', 'reader'), roleAllows('operator', 'admin'), roleAllows('reader', 'operator')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
