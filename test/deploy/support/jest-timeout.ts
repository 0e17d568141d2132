// testTimeout is a global jest option, ignored in a project config: these tests start real API processes.
jest.setTimeout(120_000);
