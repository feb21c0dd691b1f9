#!/usr/bin/env node
// The `docker-lessons` command: the bundled CLI (built by `npm ci` through the `prepare` script).
require('../dist/cli.js');
