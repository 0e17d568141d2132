import { cniConfigSchema, type CniConfig } from '@meshlens/model';
import {
  asRecord,
  nonEmptyStr,
  stripUndefined,
  type JsonRecord,
} from './json-fields.util';
import { parseJsonText } from './parse-result';

/**
 * What the file says about how pods are wired: flannel delegates to a plugin (bridge unless `delegate.type` says
 * otherwise), the others name their IPAM plugin (calico-ipam, host-local).
 */
const modeOf = (main: JsonRecord | undefined): string | undefined => {
  if (!main) return undefined;
  if (main['type'] === 'flannel')
    return nonEmptyStr(asRecord(main['delegate'])?.['type']) ?? 'bridge';
  return nonEmptyStr(asRecord(main['ipam'])?.['type']);
};

/**
 * One file from /etc/cni/net.d: a `.conflist` (`plugins` array, chain order) or a single-plugin `.conf`. Never
 * throws: a file that is not a CNI config comes back with `error` set and no plugins.
 */
export const parseCniConfig = (file: string, text: string): CniConfig => {
  const fileName = typeof file === 'string' ? file : '';
  const failed = (error: string): CniConfig => ({
    file: fileName,
    plugins: [],
    error,
  });
  if (typeof text !== 'string') return failed('input is not text');
  const json = parseJsonText('cni-config', text);
  if (!json.ok) return failed(json.error.message);
  const root = asRecord(json.value);
  if (!root) return failed('expected a JSON object');
  const list = Array.isArray(root['plugins'])
    ? root['plugins'].map((p) => asRecord(p))
    : [root];
  const plugins = list
    .map((p) => nonEmptyStr(p?.['type']))
    .filter((t): t is string => t !== undefined);
  if (plugins.length === 0) return failed('no plugin type in the file');
  const main = list.find((p) => nonEmptyStr(p?.['type']) === plugins[0]);
  const config = stripUndefined({
    file: fileName,
    name: nonEmptyStr(root['name']),
    cniVersion: nonEmptyStr(root['cniVersion']),
    plugins,
    plugin: plugins[0],
    mode: modeOf(main),
  });
  const checked = cniConfigSchema.safeParse(config);
  return checked.success
    ? checked.data
    : failed(checked.error.issues[0]?.message ?? 'invalid');
};
