// Connection commands (the views' title bars, the status bar item, the welcome views): refresh, retry, settings.
import * as vscode from 'vscode';
import { SETTINGS, VSCODE_COMMANDS } from '../../ids';
import type { ExplorerCommand } from './shared';

const l10n = vscode.l10n;

export const refresh: ExplorerCommand = (ctx) => vscode.window.withProgress({ location: vscode.ProgressLocation.Window,
  title: l10n.t('Refreshing Docker objects') }, () => ctx.controller.refresh());

export const retryConnection: ExplorerCommand = (ctx) => vscode.window.withProgress({ location: vscode.ProgressLocation.Window,
  title: l10n.t('Connecting to Docker') }, () => ctx.controller.retry());

export const openSettings: ExplorerCommand = () => vscode.commands.executeCommand(VSCODE_COMMANDS.openSettings, SETTINGS.host);
