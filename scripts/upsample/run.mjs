// Entry of `node scripts/upsample/run.mjs measure|pretrain [options]`: loads the TypeScript script
// through Vite's module runner (as scripts/video/run.mjs does) and exits with its status.
import { runnerImport } from 'vite';

const [which = 'measure', ...rest] = process.argv.slice(2);
if (!['measure', 'pretrain'].includes(which)) throw new Error(`node scripts/upsample/run.mjs measure|pretrain (got ${which})`);
const { module } = await runnerImport(new URL(`./${which}.ts`, import.meta.url).pathname);
process.exit(await module.main(rest));
