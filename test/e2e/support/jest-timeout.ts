// testTimeout is a global jest option, ignored in a project config: end-to-end steps start real processes.
jest.setTimeout(120_000);
