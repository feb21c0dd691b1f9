// Entry of the bundled CLI (dist/cli.js, required by bin/docker-lessons.cjs): run and exit with the command's code.
import * as path from 'path';
import { main, processIO } from './cli';
import { usePrebuilt } from '../lessons/prebuilt';

// The course as this build parsed it (dist/prebuilt/, beside this bundle): listing it needs no YAML parse.
usePrebuilt(path.join(__dirname, 'prebuilt'));

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl-C stops the running step (its process group); a second one exits at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});

main(process.argv.slice(2), processIO(controller.signal)).then(
  (code) => {
    // Exit once stdout has drained (piped output is written asynchronously).
    process.stdout.write('', () => process.exit(interrupted && code === 0 ? 130 : code));
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
