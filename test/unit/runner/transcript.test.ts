import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plainTranscript, readTranscript, recordedCommand } from '../../../src/runner/transcript';

describe('interactive step transcripts', () => {
  test('without `script` the command runs unchanged and nothing is recorded', () => {
    assert.deepEqual(recordedCommand('docker run -it ubuntu bash', '/tmp/x', false), { command: 'docker run -it ubuntu bash', recorded: false });
  });

  test('control sequences and carriage returns are removed', () => {
    assert.equal(plainTranscript('\x1b[?2004h/ # cat /etc/os-release\r\nNAME="Ubuntu"\r\n\x1b]0;title\x07/ # exit\r\n'),
      '/ # cat /etc/os-release\nNAME="Ubuntu"\n/ # exit\n');
  });

  test('a command with quotes is recorded by script and read back', { skip: process.platform !== 'linux' }, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-transcript-')), 't.log');
    const { command, recorded } = recordedCommand(`echo 'it''s' "a \\"test\\""; echo done`, file, true);
    assert.equal(recorded, true);
    execFileSync('/bin/sh', ['-c', command], { stdio: 'ignore' });
    const text = readTranscript(file);
    assert.match(text ?? '', /its a "test"\ndone/);
    assert.equal(fs.existsSync(file), false, 'the transcript file is removed once read');
  });
});
