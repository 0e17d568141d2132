// testTimeout is a global jest option, ignored in a project config: each fault test starts and breaks real processes.
jest.setTimeout(150_000);
