#!/usr/bin/env node
// The `allsign-mock` bin (dist/mock/cli.js): the CLI lives with the Node adapters.
import './adapters/node/warm-up.js';
import './adapters/node/cli.js';
