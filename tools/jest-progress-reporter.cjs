// A jest reporter for unattended runs (CI): names every test file that has been running for long, every few
// minutes, and keeps the list of files still running in MESHLENS_TEST_PROGRESS_FILE so tools/run-tests.mjs can say
// which ones were stuck when it stops a run at its deadline. Jest's own output only names a file once it finishes.
const { writeFileSync } = require('node:fs');
const { relative } = require('node:path');

const SLOW_AFTER_MS = 3 * 60_000;
const CHECK_EVERY_MS = 60_000;

class ProgressReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.file = process.env.MESHLENS_TEST_PROGRESS_FILE;
    /** test file -> epoch ms it started */
    this.running = new Map();
    /** test file -> minutes last reported, so each file is named once per extra minute */
    this.reported = new Map();
  }

  onRunStart() {
    this.timer = setInterval(() => this.reportSlow(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onTestFileStart(test) {
    this.running.set(this.name(test.path), Date.now());
    this.save();
  }

  onTestFileResult(test) {
    const name = this.name(test.path);
    this.running.delete(name);
    this.reported.delete(name);
    this.save();
  }

  onRunComplete() {
    clearInterval(this.timer);
    this.running.clear();
    this.save();
  }

  reportSlow() {
    const now = Date.now();
    for (const [name, since] of this.running) {
      const age = now - since;
      const minutes = Math.floor(age / 60_000);
      if (age < SLOW_AFTER_MS || this.reported.get(name) === minutes) continue;
      this.reported.set(name, minutes);
      process.stderr.write(`[tests] still running after ${minutes} min: ${name}\n`);
    }
  }

  save() {
    if (!this.file) return;
    // One "<epoch ms it started> <file>" per line.
    const lines = [...this.running].map(([name, since]) => `${since} ${name}`);
    try {
      writeFileSync(this.file, lines.join('\n'));
    } catch {
      // progress is a diagnosis aid only
    }
  }

  name(path) {
    return relative(this.rootDir, path);
  }

  getLastError() {
    return undefined;
  }
}

module.exports = ProgressReporter;
