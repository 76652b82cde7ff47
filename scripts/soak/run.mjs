// Entry of `npm run soak`: loads the TypeScript soak through Vite's module runner (as `npm run
// bench` does) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./main.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
