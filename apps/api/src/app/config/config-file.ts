import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A file's settings: KEY -> text, as if each had been exported into the environment. */
export type FileSettings = Record<string, string>;

/**
 * Reads the one config file (MESHLENS_CONFIG): YAML or JSON (JSON is YAML), a flat mapping of the same keys as
 * the environment variables. Numbers and booleans become their text; a list becomes a comma list (tokens,
 * endpoints, prefixes). Anything else is refused here, naming the key and the file.
 */
export function readConfigFile(path: string, read: (p: string) => string = (p) => readFileSync(p, 'utf8')): FileSettings {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    throw new Error(`cannot read the config file ${path} (MESHLENS_CONFIG): ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(`the config file ${path} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error(`the config file ${path} must hold a mapping of settings (KEY: value), not ${Array.isArray(doc) ? 'a list' : typeof doc}`);
  }
  const settings: FileSettings = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const text = asSettingText(value);
    if (text === undefined) problems.push(`  ${key} (in ${path}): expected a string, number, boolean or list of them`);
    else settings[key] = text;
  }
  if (problems.length > 0) throw new Error(`invalid config file ${path}:\n${problems.join('\n')}`);
  return settings;
}

function asSettingText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number'].includes(typeof v))) return value.join(',');
  return undefined;
}
