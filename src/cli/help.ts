// `--help` texts, one per command, in the chosen language.
import { t } from '../i18n';
import type { CommandName } from './args';

function exitCodes(): string {
  return t(`Exit codes:
  0  everything passed (lint: no errors)
  1  a step or check failed, lint found errors, or the Docker engine could not be reached
  2  bad input: unknown command, option, lesson or step, a bad --var, or a destructive step / reset that needs --yes when there is no terminal to ask
  3  run stopped at a challenge: do its task, then docker-lessons check <lesson> --step <id>`);
}

function globalOptions(): string {
  return t(`Options for every command:
  --json             print one JSON document on stdout and nothing else
  --lang en|zh-cn    language of messages (default: DOCKER_LESSONS_LANG / LANG; Chinese unless English is asked for)
  --lessons <dir>    the lessons folder (default: the lessons shipped with the package)
  --host <url>       the Docker engine, like the dockerLessons.host setting (default: DOCKER_HOST, the docker context, the usual socket)
  --work-dir <dir>   where lesson working folders live (default: DOCKER_LESSONS_WORK_DIR or ~/.local/state/docker-lessons/work)
  -h, --help         show help`);
}

export function helpText(command?: CommandName): string {
  switch (command) {
    case 'list':
      return `${t(`docker-lessons list

List the lessons with their number, id, title and number of steps.`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'show':
      return `${t(`docker-lessons show <lesson>

Show a lesson's summary, images, variables, working folder and steps. <lesson> is its id or number.`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'run':
      return `${t(`docker-lessons run <lesson> [options]

Run a lesson's steps in order against the Docker engine and check the result of each.
Stops at the first step that does not pass (use --keep-going to continue).

  --step <id>        run only this step
  --from <id>        start at this step
  --skip <id,…>      do not run these steps (their checks are not evaluated)
  --redo             with --step: first run again the steps it needs (those making what it works on; further
                     back, those whose objects are gone), then the step, as the lesson page's redo button does
  --var name=value   override a lesson variable, e.g. --var port=8081 (repeatable)
  -y, --yes          run destructive steps without asking
  --keep-going       continue after a failed step
  --force            overwrite files of edit steps even when you changed them
  --solutions        challenges: run their setup and reference solution, then check
                     (without it the run sets up the first challenge, prints its task and stops: your turn)`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'check':
      return `${t(`docker-lessons check <lesson> [--step <id>] [--var name=value]

Check the engine's state against the lesson's checks without running anything
(checks on a step's own output are left out, since the step did not run here).`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'solution':
      return `${t(`docker-lessons solution <lesson> [--step <id>] [--var name=value]

Print a challenge's reference solution (one correct way to do it). Shown only after a check of the challenge
failed (docker-lessons check <lesson> --step <id>); --step may be left out when the lesson has one challenge.`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'reset':
      return `${t(`docker-lessons reset <lesson> [--yes] [--dry-run]

Remove what the lesson created: objects recorded when its steps ran, objects carrying its label, and its working folder.
Objects that existed before the lesson ran and the stand-in images are never touched.

  -y, --yes          do not ask for confirmation
  --dry-run          only list what would be removed`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'lint':
      return `${t(`docker-lessons lint [files or folders…]

Check lesson files for format errors and advice (default: every lesson in the lessons folder).`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'images':
      return `${t(`docker-lessons images [--only <name,…>] [--list] [--force-standins] [--no-pull] [--catalog <file>]

Make sure the images the lessons use exist in the Docker engine, offline. For each image of the catalog that the
engine lacks: try \`docker pull\` briefly; when that fails (no registry), build a small stand-in FROM scratch
around a static busybox. A tag that exists and is not a stand-in (a real image) is never replaced.

  --only <name,…>    only these catalog names (e.g. hello-world,nginx,ubuntu)
  --list             show which images exist (real or stand-in) and which are missing; builds nothing
  --force-standins   rebuild stand-ins that already exist
  --no-pull          do not try \`docker pull\` first (also DOCKER_LESSONS_NO_PULL=1)
  --catalog <file>   another catalog than the package's images/standins.json

busybox is looked for in $BUSYBOX, the copy in the package (dist/busybox/), /usr/bin/busybox, /bin/busybox.`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'explain':
      return `${t(`docker-lessons explain <Dockerfile|notes.md|script.sh>…

Print the editor's hover help line by line: every instruction, flag, stage, heredoc and parser directive of a
Dockerfile, or every docker command and flag (and the Dockerfile fences) of a Markdown note or shell script, with the
lesson step that teaches it. With --json: an array of {line, text} per file.`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
    case 'doctor':
      return `${t(`docker-lessons doctor [--daemon-config <file>] [--timeout <seconds>]

Check the Docker setup the lessons depend on and say what to fix: the docker command, the engine and its version,
the builder (BuildKit / buildx), Compose v2, the image store, daemon.json (valid JSON, no unknown or misspelt keys),
whether each configured registry mirror and the default registry answer GET /v2/, the proxies of the daemon and of
this shell, and the free space of the engine's data root. Only the addresses in the configuration are contacted.

  --daemon-config <file>  check this daemon.json instead of the platform's usual one
  --timeout <seconds>     how long each registry may take to answer (default 5)

Exit code 0 when no finding is an error, 1 otherwise.`)}\n\n${globalOptions()}`;
    default:
      return `${t(`docker-lessons — hands-on Docker lessons in the terminal

Usage: docker-lessons <command> [options]

Commands:
  list                     list the lessons
  show <lesson>            show a lesson and its steps
  run <lesson>             run a lesson's steps and check them
  check <lesson>           only check the engine's state
  solution <lesson>        a challenge's reference solution (after a failed check)
  reset <lesson>           remove what a lesson created
  lint [files…]            check lesson files
  images                   prepare the practice images (offline stand-ins)
  explain <file>           explain a Dockerfile or a note line by line
  doctor                   check the Docker setup: engine, builder, daemon.json, mirrors, proxy, disk

Run docker-lessons <command> --help for a command's options.`)}\n\n${globalOptions()}\n\n${exitCodes()}`;
  }
}
