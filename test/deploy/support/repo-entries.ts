import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

/**
 * Where a path the images run (relative to the image's /app, a copy of the built repository) comes from:
 * `dist/apps/<app>/main.js` is written by apps/<app>/webpack.config.js from its `main` source; anything else
 * must be in the repository itself (or node_modules). Answers the source file, or throws saying what is missing.
 */
export function resolveEntry(path: string): string {
  const bundle = /^dist\/apps\/([^/]+)\/main\.js$/.exec(path);
  if (bundle) {
    const config = join(ROOT, 'apps', bundle[1], 'webpack.config.js');
    if (!existsSync(config)) throw new Error(`${path}: no apps/${bundle[1]}/webpack.config.js builds it`);
    const text = readFileSync(config, 'utf8');
    const out = /path:\s*join\(__dirname,\s*'([^']+)'\)/.exec(text)?.[1];
    const main = /main:\s*'([^']+)'/.exec(text)?.[1];
    if (!out || !main) throw new Error(`${path}: apps/${bundle[1]}/webpack.config.js names no output path or main`);
    const built = relative(ROOT, resolve(ROOT, 'apps', bundle[1], out, 'main.js'));
    if (built !== path) throw new Error(`${path}: apps/${bundle[1]} builds ${built} instead`);
    const source = join(ROOT, 'apps', bundle[1], main);
    if (!existsSync(source)) throw new Error(`${path}: its source ${relative(ROOT, source)} does not exist`);
    return relative(ROOT, source);
  }
  if (!existsSync(join(ROOT, path))) throw new Error(`${path} does not exist in the repository`);
  return path;
}

/**
 * The file a container command runs: `node <file> ...`, `npx next start <app dir>` (Next's own bin and the app's
 * next.config.js) or `node node_modules/next/dist/bin/next start <app dir>`. Answers the repository files it relies on.
 */
export function resolveCommand(command: string[]): string[] {
  const [exe, ...args] = command;
  if (exe === 'node' && args[0] && !args[0].startsWith('-')) {
    const entry = resolveEntry(args[0]);
    if (args[0].endsWith('/next') || args[0] === 'node_modules/.bin/next') return [entry, ...nextApp(args.slice(1))];
    return [entry];
  }
  if (exe === 'npx' && args[0] === 'next') return [resolveEntry('node_modules/next/dist/bin/next'), ...nextApp(args.slice(1))];
  throw new Error(`cannot tell what "${command.join(' ')}" runs`);
}

function nextApp(args: string[]): string[] {
  const [verb, dir] = args;
  if (verb !== 'start' || !dir) throw new Error(`next ${args.join(' ')}: expected "next start <app dir>"`);
  return [resolveEntry(join(dir, 'next.config.js'))];
}

/** MESHLENS_* names an app reads from its environment (its sources' process.env / env lookups). */
export function envNamesReadBy(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry) && !/\.(spec|integration-spec)\.tsx?$/.test(entry)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\b(MESHLENS_[A-Z0-9_]+)\b/g)) names.add(m[1]);
      }
    }
  };
  walk(join(ROOT, dir));
  return names;
}
