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
