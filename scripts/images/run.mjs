// Entry of `node scripts/images/run.mjs`: loads measure-digits.ts through Vite's module runner (as
// scripts/bench/run.mjs does) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./measure-digits.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
