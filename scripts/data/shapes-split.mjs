// Entry of `node scripts/data/shapes-split.mjs OUT.bin`: loads shapes-split.ts through Vite's module runner.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./shapes-split.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
