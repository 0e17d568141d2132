// testTimeout is a global jest option, ignored in a project config when several projects run together.
jest.setTimeout(180_000);
