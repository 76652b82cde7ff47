// Entry of `npm run bench:lab`: loads main.ts through Vite's module runner (as scripts/bench/run.mjs) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./main.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
