// Entry of `node scripts/video/run.mjs`: loads measure.ts through Vite's module runner (as
// scripts/images/run.mjs does) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./measure.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
