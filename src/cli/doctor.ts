// `docker-lessons doctor`: run the environment check (src/doctor) and print each finding with its level, what was
// found and what to do. Exit 0 when no finding is an error, 1 otherwise; --json prints the report with both languages.
import * as os from 'os';
import type { DockerEngine } from '../engine/api';
import { realProbes, runDoctor } from '../doctor';
import { formatDoctorReport } from '../doctor/format';
import type { Style } from './format';

export interface DoctorCommandInput {
  engine: DockerEngine;
  env: NodeJS.ProcessEnv;
  json: boolean;
  style: Style;
  daemonConfig?: string;
  timeoutMs?: number;
  stdout: (text: string) => void;
}

export async function doctorCommand(input: DoctorCommandInput): Promise<number> {
  const report = await runDoctor({
    probes: realProbes({ engine: input.engine, env: input.env }),
    endpoint: input.engine.endpoint,
    env: input.env,
    platform: process.platform,
    homeDir: os.homedir(),
    daemonConfig: input.daemonConfig,
    timeoutMs: input.timeoutMs,
  });
  input.stdout((input.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report, input.style)) + '\n');
  return report.exitCode;
}
