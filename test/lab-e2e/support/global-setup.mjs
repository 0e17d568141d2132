// The same setup as the e2e project: build api and agent with Nx, then provide the test Postgres.
export { default } from '../../e2e/support/global-setup.mjs';
