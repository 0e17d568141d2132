import { createHash } from 'node:crypto';
import { AgentTokenVerifier } from './agent-token.verifier';

describe('AgentTokenVerifier', () => {
  const verifier = new AgentTokenVerifier(['alpha-token', 'beta-token']);

  it.each(['Bearer alpha-token', 'Bearer beta-token', 'bearer beta-token '])('should accept %j when it names a configured token', (header) => {
    expect(verifier.verifyHeader(header)).toBe(true);
  });

  it.each([undefined, '', 'Bearer', 'Bearer gamma-token', 'Bearer alpha-token2', 'Basic alpha-token', 'alpha-token'])(
    'should refuse %j when it does not carry a configured bearer token',
    (header) => {
      expect(verifier.verifyHeader(header)).toBe(false);
    },
  );

  it('should refuse everything when no token is configured', () => {
    expect(new AgentTokenVerifier([]).verifyHeader('Bearer ')).toBe(false);
    expect(new AgentTokenVerifier([]).verifyHeader('Bearer x')).toBe(false);
  });
});

describe('AgentTokenVerifier with hashed and node-bound tokens', () => {
  const sha256 = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
  const verifier = new AgentTokenVerifier([sha256('cluster-token'), `node-1@${sha256('node-1-token')}`, 'node-2@plain-token']);

  it('should accept a token configured only as its sha256 when it is presented in plain', () => {
    expect(verifier.identify('Bearer cluster-token')).toEqual({ id: expect.any(String) });
  });

  it('should name the node a token is bound to when it was configured as node@token', () => {
    expect(verifier.identify('Bearer node-1-token')).toMatchObject({ nodeName: 'node-1' });
    expect(verifier.identify('Bearer plain-token')).toMatchObject({ nodeName: 'node-2' });
  });

  it('should refuse the hash itself when it is presented as the token', () => {
    expect(verifier.identify(`Bearer ${sha256('cluster-token')}`)).toBeUndefined();
  });
});
