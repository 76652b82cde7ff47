// Entry of `npm run pretrain`: loads the TypeScript script through Vite's module runner (the same
// module resolution as the app and the tests) and exits with its status.
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./main.ts', import.meta.url).pathname);
process.exit(await module.main(process.argv.slice(2)));
