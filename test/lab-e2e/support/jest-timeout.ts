// testTimeout is a global jest option, ignored in a project config: beforeAll builds a lab and starts processes.
jest.setTimeout(120_000);
