// The yaml library, loaded on first use: it is needed to parse lessons, not to load the extension (it ships in
// dist/vendor/). Use `YAML.x(...)` for values and the `Yaml` namespace for types.
import type * as Yaml from 'yaml';

export type { Yaml };

let loaded: typeof Yaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): typeof Yaml => (loaded ??= require('yaml') as typeof Yaml);

export const YAML: typeof Yaml = new Proxy({} as typeof Yaml, { get: (_target, key) => Reflect.get(load(), key) });
