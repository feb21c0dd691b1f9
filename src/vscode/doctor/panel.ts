// 环境体检 / Check My Docker Setup: runs the doctor (src/doctor) against the window's engine and shows the report in a
// webview (the shared WebviewPanelHost lifecycle; the page is src/webview/doctor/). The page can only ask to check
// again or to copy the report as text.
import * as os from 'os';
import * as vscode from 'vscode';
import type { DockerEngine } from '../../engine/api';
import type { DoctorReport } from '../../doctor/types';
import { uiLanguage } from '../../i18n';
import type { DoctorHostMessage, DoctorPageMessage } from '../../webview/doctor/protocol';
import { WebviewPanelHost } from '../panel/webviewPanel';
import { DOCTOR_COMMANDS, WEBVIEW_PANELS } from '../ids';

// The doctor and the page protocol (zod) load with the first check, not on activation.
/* eslint-disable @typescript-eslint/no-require-imports */
const doctor = (): typeof import('../../doctor') => require('../../doctor') as typeof import('../../doctor');
const doctorFormat = (): typeof import('../../doctor/format') => require('../../doctor/format') as typeof import('../../doctor/format');
const protocol = (): typeof import('../../webview/doctor/protocol') => require('../../webview/doctor/protocol') as typeof import('../../webview/doctor/protocol');
/* eslint-enable @typescript-eslint/no-require-imports */

export class DoctorPanelController implements vscode.Disposable {
  private readonly host: WebviewPanelHost<DoctorPageMessage, DoctorHostMessage>;
  /** What the page shows now: sent again when a new page says it is ready. */
  private state: DoctorHostMessage | undefined;
  private report: DoctorReport | undefined;
  private running: Promise<DoctorReport | undefined> | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly engine: () => DockerEngine,
    private readonly log: (line: string) => void,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.host = new WebviewPanelHost<DoctorPageMessage, DoctorHostMessage>({
      viewType: WEBVIEW_PANELS.doctor,
      extensionUri,
      script: 'dist/doctor/page.js',
      style: 'dist/doctor/page.css',
      icon: 'media/docker-lessons.svg',
      loadingText: () => vscode.l10n.t('Checking the Docker setup…'),
      parseIncoming: (raw) => protocol().parseDoctorPageMessage(raw),
      checkOutgoing: (message) => protocol().parseDoctorHostMessage(message),
      onReady: async () => { this.host.post(this.state ?? { type: 'running', labels: this.labels() }); },
      onMessage: (message) => this.handle(message),
      log: (line) => this.log(`doctor: ${line}`),
    });
  }

  private get title(): string {
    return vscode.l10n.t('Check My Docker Setup');
  }

  /** The last finished report (for tests). */
  get lastReport(): DoctorReport | undefined {
    return this.report;
  }

  /** Show the panel and run the check; resolves with the report (undefined when the check could not run). */
  open(): Promise<DoctorReport | undefined> {
    this.host.show(this.title);
    return this.run();
  }

  /** A panel VS Code restored after a reload: check again. */
  revive(panel: vscode.WebviewPanel): void {
    if (this.host.revive(panel, this.title)) void this.run();
  }

  dispose(): void {
    this.host.dispose();
  }

  private labels(): Record<string, string> {
    return protocol().doctorLabels((message) => vscode.l10n.t(message));
  }

  private show(state: DoctorHostMessage): void {
    this.state = state;
    this.host.post(state);
  }

  private run(): Promise<DoctorReport | undefined> {
    this.running ??= this.check().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async check(): Promise<DoctorReport | undefined> {
    this.show({ type: 'running', labels: this.labels() });
    try {
      const engine = this.engine();
      const { runDoctor, realProbes } = doctor();
      const report = await runDoctor({
        probes: realProbes({ engine, env: this.env }), endpoint: engine.endpoint, env: this.env, platform: process.platform,
        homeDir: os.homedir(),
      });
      this.report = report;
      const checkedAt = new Date().toLocaleTimeString(vscode.env.language);
      this.show({ type: 'report', view: protocol().doctorViewOf(report, uiLanguage(), checkedAt), labels: this.labels() });
      return report;
    } catch (error) {
      // Only an engine address that cannot be parsed gets here: the doctor reports everything else as findings.
      const message = error instanceof Error ? error.message : String(error);
      this.log(`doctor: ${message}`);
      this.show({ type: 'failed', message, labels: this.labels() });
      return undefined;
    }
  }

  private async handle(message: DoctorPageMessage): Promise<void> {
    if (message.type === 'rerun') {
      await this.run();
    } else if (message.type === 'copy' && this.report) {
      await vscode.env.clipboard.writeText(doctorFormat().formatDoctorReport(this.report));
      this.host.post({ type: 'copied' });
    }
  }
}

/** The command and the panel's serializer. */
export function registerDoctor(context: vscode.ExtensionContext, engine: () => DockerEngine, output: vscode.OutputChannel): DoctorPanelController {
  const controller = new DoctorPanelController(context.extensionUri, engine, (line) => output.appendLine(line));
  context.subscriptions.push(
    controller,
    vscode.window.registerWebviewPanelSerializer(WEBVIEW_PANELS.doctor, { deserializeWebviewPanel: async (panel) => controller.revive(panel) }),
    vscode.commands.registerCommand(DOCTOR_COMMANDS.checkSetup, () => controller.open()),
  );
  return controller;
}
