// Entry of `npm run bench`: loads the TypeScript runner through Vite's module runner (the same
// resolution as the app and the tests, no extra tool; main.ts must not import() lazily: the runner
// closes once it has loaded) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./main.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
