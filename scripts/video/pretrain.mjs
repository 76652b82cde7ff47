// Entry of `node scripts/video/run.mjs`: loads pretrain.ts through Vite's module runner (as
// scripts/images/run.mjs does) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./pretrain.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
