// Entry of `node scripts/images/figures.mjs`: loads chapter-figures.ts through Vite's module runner (as
// scripts/bench/run.mjs does) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./chapter-figures.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
