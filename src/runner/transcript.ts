// Interactive steps run in a real terminal (the learner types), so their output is not piped to us. util-linux
// `script` records the session to a file while the terminal stays fully interactive; the file then feeds the step's
// `output` checks. Where `script` is missing the command runs as it is and output checks see no text.
import * as fs from 'fs';
import { stripAnsi } from '../checks/text';
import { hasScript, shellQuote } from './process';


/** The command to give the terminal: the step's command, recorded to `transcriptFile` when `script` is available. */
export function recordedCommand(command: string, transcriptFile: string, scriptAvailable = hasScript()): { command: string; recorded: boolean } {
  if (!scriptAvailable || process.platform !== 'linux') return { command, recorded: false };
  // -q no banner, -e the command's exit status, -f flush as it goes, -c the command.
  return { command: `script -qefc ${shellQuote(command)} ${shellQuote(transcriptFile)}`, recorded: true };
}

/** What the session printed, as plain text: terminal control sequences and carriage returns removed. */
export function plainTranscript(raw: string): string {
  return stripAnsi(raw)
    .replace(/\r+\n/g, '\n')
    .replace(/\r/g, '\n');
}

export function readTranscript(transcriptFile: string): string | undefined {
  try {
    return plainTranscript(fs.readFileSync(transcriptFile, 'utf8'));
  } catch {
    return undefined;
  } finally {
    fs.rmSync(transcriptFile, { force: true });
  }
}
